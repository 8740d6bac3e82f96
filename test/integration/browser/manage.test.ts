import { text } from 'node:stream/consumers';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { api, signedUpUser } from '../../support/api';
import {
  describeInBrowser,
  desktopWidth,
  expectAccessible,
  focused,
  launchBrowser,
  newPerson,
  phoneWidth,
  screenshot,
  signInThroughUi,
} from '../../support/browser';
import type { StoredEmail } from '../../support/outbox';
import { eventually, sentEmails } from '../../support/outbox';

const format = "yyyy-LL-dd'T'HH:mm";

/** A valid performance in Paris with one slot two days ahead (characters Ondine and Hans). */
function performanceBody(title: string, kind: 'live' | 'filmed' = 'live') {
  const slot = DateTime.now().setZone('Europe/Paris').plus({ days: 2 }).set({ hour: 10, minute: 0 });
  const contact = { name: 'Dee Rector', email: 'dee.rector@example.com', phone: '+442071838750' };
  return {
    title,
    description: 'An evening of water and longing.',
    kind,
    director: contact,
    castingDirector: { ...contact, name: 'Cas Ting' },
    venue: {
      name: 'Théâtre du Test',
      address: '1 rue du Test',
      city: 'Paris',
      country: 'FR',
      timeZone: 'Europe/Paris',
    },
    dates: kind === 'live' ? [slot.plus({ days: 20 }).set({ hour: 20 }).toFormat(format)] : [],
    characters: [
      { name: 'Ondine', places: 1, attributes: { gender: 'female', voiceType: 'soprano' } },
      { name: 'Hans', places: 1 },
    ],
    slots: [{ start: slot.toFormat(format), durationMinutes: 20, capacity: 3 }],
  };
}

interface Created {
  performanceId: string;
  slots: { slotId: string }[];
  characters: { characterId: string; name: string }[];
}

async function postPerformance(token: string, body: ReturnType<typeof performanceBody>): Promise<Created> {
  const created = await api<Created>('POST', '/performances', { token, body });
  if (created.status !== 201) throw new Error(`could not post: ${JSON.stringify(created.body)}`);
  return created.body;
}

describeInBrowser('the web UI: managing, searching, profiles', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a performer withdraws; the director edits, is told who a deletion affects, closes casting and deletes', async () => {
    const title = `Ondine ${Date.now().toString(36)}`;
    const director = await signedUpUser('director', { name: 'Dee Rector', timeZone: 'Europe/Paris' });
    const ann = await signedUpUser('performer', { name: 'Ann Example' });
    const bo = await signedUpUser('performer', { name: 'Bo Example' });
    const performance = await postPerformance(director.token, performanceBody(title));
    const signUp = {
      slotId: performance.slots[0]!.slotId,
      characterIds: [performance.characters[0]!.characterId],
    };
    for (const performer of [ann, bo]) {
      const response = await api('POST', `/performances/${performance.performanceId}/signup`, {
        token: performer.token,
        body: signUp,
      });
      expect(response.status).toBe(201);
    }

    // Bo follows a link to their auditions while signed out: the page asks them to sign in, then opens.
    const b = await newPerson(browser, { viewport: phoneWidth, timeZone: 'America/Chicago' });
    await b.page.goto(`${inject('webUrl')}/my/auditions`);
    await b.page.getByText('Sign in to see this page.').waitFor();
    await b.page.getByLabel('Email address').fill(bo.email);
    await b.page.getByLabel('Password').fill(bo.password);
    await b.page.getByRole('button', { name: 'Sign in' }).click();
    await b.page.getByRole('heading', { level: 1, name: 'My auditions' }).waitFor();
    expect((await focused(b.page)).tag).toBe('H1');
    // The calendar file comes from the API with Bo's token.
    const download = b.page.waitForEvent('download');
    await b.page.getByRole('link', { name: `Add to calendar for ${title} (.ics)` }).click();
    // Read as a stream: the shared browser runs outside this test process, where the file's path does not exist.
    const calendar = await text(await (await download).createReadStream());
    expect(calendar).toContain('BEGIN:VCALENDAR');
    expect(calendar).toContain(title);
    await b.page.getByRole('button', { name: `Withdraw from ${title}` }).click();
    const withdrawDialog = b.page.getByRole('dialog', { name: `Withdraw from “${title}”?` });
    await withdrawDialog.waitFor();
    await expectAccessible(b.page, 'the withdraw dialog');
    await screenshot(b.page, 'withdraw-dialog');
    await withdrawDialog.getByRole('button', { name: 'Withdraw' }).click();
    await b.page.getByText(`You have withdrawn from the audition for “${title}”.`).waitFor();
    await b.page.getByText('Withdrawn', { exact: true }).waitFor();

    // The director follows the link in the "new sign-up" email: after signing in, it opens the sign-up list.
    const d = await newPerson(browser, { viewport: desktopWidth, timeZone: 'Europe/Paris' });
    const newSignUp = (e: StoredEmail) =>
      e.destination.to.includes('dee.rector@example.com') &&
      e.subject === `New audition sign-up: Ann Example for ${title}`;
    const link = (await eventually(sentEmails, (all) => all.some(newSignUp)))
      .find(newSignUp)
      ?.body.text?.match(/https?:\/\/\S+\/signups/)?.[0];
    expect(link).toBe(`${inject('webUrl')}/performances/${performance.performanceId}/signups`);
    await d.page.goto(link as string);
    await d.page.getByLabel('Email address').fill(director.email);
    await d.page.getByLabel('Password').fill(director.password);
    await d.page.getByRole('button', { name: 'Sign in' }).click();
    await d.page.getByRole('heading', { level: 1, name: `Sign-ups: ${title}` }).waitFor();
    await d.page.getByRole('link', { name: 'Ann Example' }).waitFor();

    // The director edits the title; an empty title is caught before sending, next to the field.
    await d.page.getByRole('link', { name: 'My performances' }).first().click();
    await d.page.getByRole('link', { name: title, exact: true }).click();
    await d.page.getByRole('link', { name: 'Edit performance' }).click();
    await d.page.getByRole('heading', { level: 1, name: `Edit “${title}”` }).waitFor();
    await d.page.getByLabel('Title').fill('');
    await d.page.getByRole('button', { name: 'Save changes' }).click();
    const summary = d.page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'Title: is required' }).waitFor();
    expect((await focused(d.page)).className).toBe('error-summary');
    await d.page.getByText('Is required').first().waitFor();
    await expectAccessible(d.page, 'the editor showing errors');
    const renamed = `${title} (revised)`;
    await d.page.getByLabel('Title').fill(renamed);
    await d.page.getByRole('button', { name: 'Save changes' }).click();
    await d.page.getByRole('heading', { level: 1, name: renamed }).waitFor();
    await d.page.getByText('Your changes are saved.').waitFor();

    // Deleting names the performers who would be told: Ann (still signed up), not Bo (withdrawn).
    await d.page.getByRole('button', { name: 'Delete performance' }).click();
    const deleteDialog = d.page.getByRole('dialog', { name: `Delete “${renamed}”?` });
    await deleteDialog.getByText('Ann Example').waitFor();
    expect(await deleteDialog.getByText('Bo Example').count()).toBe(0);
    await expectAccessible(d.page, 'the delete dialog');
    await screenshot(d.page, 'delete-dialog');
    await deleteDialog.getByRole('button', { name: 'Cancel' }).click();
    await deleteDialog.waitFor({ state: 'detached' });
    expect((await focused(d.page)).text).toBe('Delete performance');

    // Ann's audition is two days ahead: closing casting cancels it (it does not tell her "not cast"), and the
    // dialog says so before; afterwards a deletion tells nobody.
    await d.page.getByRole('button', { name: 'Close casting' }).click();
    const closeDialog = d.page.getByRole('dialog', { name: `Close casting for “${renamed}”?` });
    await closeDialog
      .getByText('Nobody has auditioned without being cast, so nobody will be told “not cast”.')
      .waitFor();
    await closeDialog.getByText('1 performer whose audition is still ahead will have it cancelled').waitFor();
    await expectAccessible(d.page, 'the close-casting dialog');
    await closeDialog.getByRole('button', { name: 'Close casting' }).click();
    await d.page.getByText('Casting is closed. 1 audition still ahead is being cancelled.').waitFor();
    // (The email names the title as it was at sign-up, so either title passes here.)
    const cancelled = (e: StoredEmail) =>
      e.destination.to.some((to) => to.includes(ann.email)) && e.subject.startsWith(`Audition cancelled: ${title}`);
    expect((await eventually(sentEmails, (all) => all.some(cancelled))).some(cancelled)).toBe(true);
    expect(
      (await sentEmails()).some((e) => e.destination.to.includes(ann.email) && e.subject.startsWith('Casting for')),
    ).toBe(false);
    // The sign-ups page no longer offers casting.
    await d.page.getByRole('link', { name: 'Sign-ups and casting' }).click();
    await d.page.getByText('Casting is closed', { exact: false }).first().waitFor();
    expect(await d.page.getByText(/you can cast/i).count()).toBe(0);
    await d.page.getByRole('link', { name: 'Back to the performance' }).click();
    await d.page.getByRole('button', { name: 'Delete performance' }).click();
    await d.page.getByText('Nobody has an active sign-up, so nobody needs to be told.').waitFor();
    await d.page.getByRole('dialog').getByRole('button', { name: 'Delete performance' }).click();
    await d.page.getByRole('heading', { level: 1, name: 'My performances' }).waitFor();
    await d.page.getByText(`“${renamed}” is deleted.`).waitFor();
    expect(await d.page.getByRole('link', { name: renamed, exact: true }).count()).toBe(0);

    expect([...b.pageErrors, ...d.pageErrors]).toEqual([]);
    await b.context.close();
    await d.context.close();
  }, 120_000);

  it('a performer searches with filters and pages, edits their profile, and meets the error pages', async () => {
    const keyword = `Nixie${Date.now().toString(36)}`;
    const director = await signedUpUser('director');
    for (let i = 1; i <= 11; i++) {
      await postPerformance(director.token, performanceBody(`${keyword} ${i}`, i === 11 ? 'filmed' : 'live'));
    }
    const performer = await signedUpUser('performer', { name: 'Sam Searcher' });
    // The search index follows the table stream, so wait until it holds all eleven.
    const indexed = await eventually(
      () => api<{ results: unknown[] }>('GET', `/performances?q=${keyword}&limit=20`, { token: performer.token }),
      (response) => response.body.results?.length === 11,
    );
    expect(indexed.body.results).toHaveLength(11);

    for (const viewport of [phoneWidth, desktopWidth]) {
      const p = await newPerson(browser, { viewport, timeZone: 'Asia/Tokyo' });
      await signInThroughUi(p.page, performer);
      await p.page.getByLabel('Keywords').fill(keyword);
      await p.page.getByRole('button', { name: 'Search', exact: true }).click();
      const results = p.page.getByRole('region', { name: 'Results' }).getByRole('listitem');
      await p.page.getByText('10 performances shown; more below.').waitFor();
      expect(await results.count()).toBe(10);
      await screenshot(p.page, 'search');
      await p.page.getByRole('button', { name: 'Show more results' }).click();
      await p.page.getByText('11 performances shown.').waitFor();
      expect(await focused(p.page)).toMatchObject({ tag: 'A', text: expect.stringContaining(keyword) });
      expect(await p.page.getByRole('button', { name: 'Show more results' }).count()).toBe(0);
      await p.context.close();
    }

    const p = await newPerson(browser, { viewport: phoneWidth, timeZone: 'Asia/Tokyo' });
    await signInThroughUi(p.page, performer);
    await p.page.getByLabel('Keywords').fill(keyword);
    await p.page.getByText('More filters').click();
    await p.page.getByLabel('City').fill('Paris');
    await p.page.getByLabel('Kind').selectOption('filmed');
    await p.page.getByRole('button', { name: 'Search', exact: true }).click();
    // The API's own rule, checked before sending: a city needs its country.
    await p.page.getByRole('link', { name: 'Country: give the country with the city' }).waitFor();
    await p.page.getByLabel('Country').selectOption('FR');
    await p.page.getByRole('button', { name: 'Search', exact: true }).click();
    await p.page.getByText('1 performance shown.').waitFor();
    await p.page.getByRole('link', { name: `${keyword} 11` }).waitFor();
    expect(p.page.url()).toContain('kind=filmed');
    await expectAccessible(p.page, 'the search page with filters and results');
    await screenshot(p.page, 'search-filters');

    // Profile: a new zone and a credit; a year the API refuses is caught next to its field.
    await p.page.getByRole('link', { name: 'Profile' }).first().click();
    await p.page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    await p.page.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await p.page.getByRole('button', { name: 'Add a credit' }).click();
    expect((await focused(p.page)).id).toBe('field-credits-0-title');
    const credit = p.page.getByRole('group', { name: 'Credit 1' });
    await credit.getByLabel('Title').fill('Hamlet');
    await credit.getByLabel('Role').fill('Ophelia');
    await credit.getByLabel('Year').fill('1800');
    await p.page.getByRole('button', { name: 'Save changes' }).click();
    await p.page.getByRole('link', { name: 'Credit 1, Year: must be at least 1900' }).waitFor();
    await credit.getByLabel('Year').fill('2024');
    await p.page.getByRole('button', { name: 'Save changes' }).click();
    await p.page.getByText('Your profile is saved.').waitFor();
    await expectAccessible(p.page, 'the profile page after saving');
    await p.page.reload();
    await p.page.getByRole('group', { name: 'Credit 1' }).waitFor();
    expect(await p.page.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');

    // Pages that are not there, or not for this role.
    await p.page.goto(`${inject('webUrl')}/no-such-page`);
    await p.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expectAccessible(p.page, 'the not-found page');
    await p.page.goto(`${inject('webUrl')}/my/performances`);
    await p.page.getByRole('heading', { level: 1, name: 'This page is for directors' }).waitFor();

    expect(p.pageErrors).toEqual([]);
    await p.context.close();
  }, 120_000);
});
