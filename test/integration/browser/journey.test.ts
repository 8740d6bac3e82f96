import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
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
import { addPhotoThroughUi, marker, naturalWidth, searchForLondonBaritone } from '../../support/directory';
import { createPerformance } from '../../support/fixtures';
import type { StoredEmail } from '../../support/outbox';
import { emailsTo, eventually } from '../../support/outbox';

describeInBrowser('the web UI: the talent directory, from a photo to a sign-up (issue 17)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a director in London finds a listed baritone in London aged 30–40 who sings, sees the photo, invites them, and the performer signs up from the emailed link', async () => {
    const word = marker('journey');
    const name = `Jo Baritone ${word}`;
    const title = `Don Giovanni ${word}`;
    const performer = await signedUpUser('performer', { name, timeZone: 'Europe/London' });
    const director = await signedUpUser('director', { name: 'Dee Rector', timeZone: 'Europe/London' });
    const performance = await createPerformance(director.token, { title });
    const slotId = performance.slots[0]!.slotId;

    // The performer adds a photo to the directory profile, fills it in and lists themselves.
    const p = await newPerson(browser, { viewport: phoneWidth, timeZone: 'Europe/London' });
    await signInThroughUi(p.page, performer);
    await p.page.getByRole('link', { name: 'Profile' }).first().click();
    await p.page.getByRole('link', { name: 'Edit your directory profile' }).click();
    await p.page.getByRole('heading', { level: 1, name: 'Your directory profile' }).waitFor();
    await p.page.getByText('No photos yet').waitFor();
    await addPhotoThroughUi(p.page, '#2f6f4f');
    const photo = p.page.getByRole('img', { name: `Photo 1 (main) of ${name}` });
    await photo.waitFor();
    await expect.poll(() => naturalWidth(photo)).toBeGreaterThan(0);
    // The preview card shows it too (the page read the profile again).
    const preview = p.page.getByRole('region', { name: 'Preview of your card' });
    await preview.getByRole('img', { name: `Photo of ${name}` }).waitFor();
    await p.page.getByLabel('List me in the talent directory').check();
    await p.page.getByLabel('From', { exact: true }).fill('30');
    await p.page.getByLabel('To', { exact: true }).fill('40');
    await p.page.getByLabel('Voice type').selectOption('baritone');
    await p.page.getByLabel('Skills').fill('Singing');
    await p.page.getByLabel('City').fill('London');
    await p.page.getByLabel('Country').selectOption('GB');
    await p.page.getByLabel('Bio').fill(`A ${word} baritone.`);
    await expectAccessible(p.page, 'the directory profile editor with a photo');
    await screenshot(p.page, 'directory-profile-photo');
    await p.page.getByRole('button', { name: 'Save directory profile' }).click();
    await p.page.getByText('Your directory profile is saved.').waitFor();

    // A director in London searches the directory and finds them, photo and all.
    const d = await newPerson(browser, { viewport: desktopWidth, timeZone: 'Europe/London' });
    await signInThroughUi(d.page, director);
    await searchForLondonBaritone(d.page, word, name);
    const card = d.page.getByRole('article', { name });
    const cardPhoto = card.getByRole('img', { name: `Photo of ${name}` });
    await cardPhoto.scrollIntoViewIfNeeded(); // the card's photo loads lazily
    await expect.poll(() => naturalWidth(cardPhoto)).toBeGreaterThan(0);
    await expectAccessible(d.page, 'the talent search with a photo card');
    await screenshot(d.page, 'talent-search-photo');

    // The director opens the performer's page and invites them for the performance's slot.
    await card.getByRole('link', { name }).click();
    await d.page.getByRole('heading', { level: 1, name }).waitFor();
    await expect.poll(() => naturalWidth(d.page.getByRole('img', { name: `Photo of ${name}` }))).toBeGreaterThan(0);
    await expectAccessible(d.page, 'a performer’s directory page with a photo');
    await d.page.getByRole('button', { name: 'Invite to audition' }).click();
    const dialog = d.page.getByRole('dialog', { name: `Invite ${name} to audition` });
    await dialog.getByLabel('Performance').selectOption({ label: title });
    await dialog.getByLabel('Audition slot').selectOption(slotId);
    await expectAccessible(d.page, 'the invite dialog');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await d.page.getByText(`Invitation sent to ${name} for “${title}”.`).waitFor();

    // The invitation email arrives; the performer follows its link and signs up for the invited slot.
    const invitation = (e: StoredEmail) => e.subject.endsWith(`invites you to audition for ${title}`);
    const email = (
      await eventually(
        () => emailsTo(performer.email),
        (all) => all.some(invitation),
      )
    ).find(invitation);
    const link = email?.body.text?.match(/https?:\/\/\S+\/performances\/\S+/)?.[0];
    expect(link, email?.body.text).toBeDefined();
    const url = new URL(link as string);
    expect(url.origin).toBe(new URL(inject('webUrl')).origin);
    expect(url.pathname).toBe(`/performances/${performance.performanceId}`);
    expect(url.searchParams.get('slot')).toBe(slotId);
    await p.page.goto(link as string);
    await p.page.getByRole('heading', { level: 1, name: title }).waitFor();
    const slots = p.page.getByRole('group', { name: 'Audition slot' });
    expect(await slots.getByRole('radio', { checked: true }).count()).toBe(1);
    await expectAccessible(p.page, 'the performance page opened from the invitation');
    await p.page.getByLabel('Hamlet').check();
    await p.page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await p.page.getByRole('heading', { name: 'You are signed up' }).waitFor();
    await expectAccessible(p.page, 'the performance page once signed up');
    await screenshot(p.page, 'signed-up-from-invitation');

    // The sign-up is for the invited slot, and the director's list of invitations says so.
    const mine = await api<{ signUps: { performanceId: string; slot: { slotId: string }; status: string }[] }>(
      'GET',
      '/me/signups',
      { token: performer.token },
    );
    expect(mine.body.signUps.map((s) => [s.performanceId, s.slot.slotId, s.status])).toEqual([
      [performance.performanceId, slotId, 'signed-up'],
    ]);
    const invitations = await api<{ invitations: { performerId: string; status: string }[] }>(
      'GET',
      `/performances/${performance.performanceId}/invitations`,
      { token: director.token },
    );
    expect(invitations.body.invitations.map((i) => [i.performerId, i.status])).toEqual([
      [performer.userId, 'signed-up'],
    ]);
    expect(p.pageErrors).toEqual([]);
    expect(d.pageErrors).toEqual([]);
    // Two people's journeys with seven axe runs and an upload: minutes on a busy shared machine.
  }, 300_000);
});
