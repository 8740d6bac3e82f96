import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, signedUpUser } from '../../support/api';
import {
  describeInBrowser,
  desktopWidth,
  expectAccessible,
  launchBrowser,
  newPerson,
  phoneWidth,
  screenshot,
  signInThroughUi,
} from '../../support/browser';
import { createPerformance } from '../../support/fixtures';

/** Whether the API has the invitation routes (they come with the invitations API; the UI is built against them). */
async function invitationsApiExists(): Promise<boolean> {
  const document = await api<{ paths?: Record<string, unknown> }>('GET', '/openapi.json');
  return Boolean(document.body.paths?.['/performances/{performanceId}/invitations']);
}

describeInBrowser('the web UI: invitations to audition', () => {
  let browser: Browser;
  let apiExists = false;
  beforeAll(async () => {
    apiExists = await invitationsApiExists();
    if (apiExists) browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a director invites a listed performer from their directory page; the performer opens and declines it', async (context) => {
    if (!apiExists) return context.skip('the API has no invitation routes yet');
    const title = `Invited ${Date.now().toString(36)}`;
    const director = await signedUpUser('director', { name: 'Dee Rector', timeZone: 'Europe/London' });
    const performer = await signedUpUser('performer', { name: 'Ivy Invited', timeZone: 'Europe/London' });
    expect((await api('PATCH', '/me', { token: performer.token, body: { listed: true } })).status).toBe(200);
    const performance = await createPerformance(director.token, { title });

    // The director opens the performer's directory page and invites them for the performance's slot.
    const d = await newPerson(browser, { viewport: desktopWidth, timeZone: 'Europe/London' });
    await signInThroughUi(d.page, director);
    await d.page.goto(`${inject('webUrl')}/performers/${performer.userId}`);
    await d.page.getByRole('heading', { level: 1, name: 'Ivy Invited' }).waitFor();
    await d.page.getByRole('button', { name: 'Invite to audition' }).click();
    const dialog = d.page.getByRole('dialog', { name: 'Invite Ivy Invited to audition' });
    await dialog.getByLabel('Performance').selectOption({ label: title });
    await dialog.getByLabel('Audition slot').selectOption(performance.slots[0]!.slotId);
    await dialog.getByLabel('Message').fill('We would love to hear you sing.');
    await expectAccessible(d.page, 'the invite dialog');
    await screenshot(d.page, 'invite-dialog');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await d.page.getByText(`Invitation sent to Ivy Invited for “${title}”.`).waitFor();
    // A second invitation to the same performance is refused, and the dialog says why.
    await d.page.getByRole('button', { name: 'Invite to audition' }).click();
    await dialog.getByLabel('Performance').selectOption({ label: title });
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The director sees the invitation, still "Sent", on the performance's page.
    await d.page.goto(`${inject('webUrl')}/performances/${performance.performanceId}`);
    const sent = d.page.getByRole('region', { name: 'Invitations' }).getByRole('article', { name: 'Ivy Invited' });
    await sent.getByText('Sent', { exact: true }).waitFor();
    expect(await sent.getByRole('link', { name: 'Ivy Invited' }).getAttribute('href')).toBe(
      `/performers/${performer.userId}`,
    );
    await expectAccessible(d.page, 'the invitations the director sent');

    // The performer sees it, opens the performance from it, and declines it.
    const p = await newPerson(browser, { viewport: phoneWidth, timeZone: 'Europe/London' });
    await signInThroughUi(p.page, performer);
    await p.page.getByRole('link', { name: 'Invitations' }).first().click();
    const card = p.page.getByRole('article', { name: title });
    await card.getByText('We would love to hear you sing.').waitFor();
    await card.getByText('New', { exact: true }).waitFor();
    await expectAccessible(p.page, 'the invitations page');
    await screenshot(p.page, 'invitations');
    await card.getByRole('link', { name: /See the performance and sign up/ }).click();
    await p.page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(new URL(p.page.url()).searchParams.get('slot')).toBe(performance.slots[0]!.slotId);
    // The invited slot is chosen already in the sign-up form.
    await p.page.getByRole('radio', { checked: true }).waitFor();
    await p.page.goBack();
    await card.getByText('Opened', { exact: true }).waitFor();
    await card.getByRole('button', { name: /Decline/ }).click();
    await p.page.getByText(`You declined the invitation to “${title}”.`).waitFor();
    await card.getByText('Declined', { exact: true }).waitFor();
    const seen = await api<{ invitations: { status: string }[] }>(
      'GET',
      `/performances/${performance.performanceId}/invitations`,
      { token: director.token },
    );
    expect(seen.body.invitations.map((i) => i.status)).toEqual(['declined']);

    // The director deletes the performance: the card says so and links to no sign-up page.
    const deleted = await api('DELETE', `/performances/${performance.performanceId}`, { token: director.token });
    expect(deleted.status).toBe(204);
    await p.page.reload();
    await card.getByText('Withdrawn: the performance was cancelled', { exact: true }).waitFor();
    await card.getByText('The director deleted this performance: there is nothing to sign up for.').waitFor();
    expect(await card.getByRole('link').count()).toBe(0);
    expect(await card.getByRole('button').count()).toBe(0);
    await expectAccessible(p.page, 'the invitations page with a withdrawn invitation');
    expect(d.pageErrors).toEqual([]);
    expect(p.pageErrors).toEqual([]);
  }, 300_000);
});

describe('the invitation routes check', () => {
  it('reads the API’s OpenAPI document', async () => {
    const document = await api<{ paths?: Record<string, unknown> }>('GET', '/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.paths?.['/performers/{performerId}']).toBeDefined();
  });
});
