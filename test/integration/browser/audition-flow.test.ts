import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, uniqueEmail } from '../../support/api';
import { holdAuditionNow } from '../../support/auditions';
import type { Person } from '../../support/browser';
import {
  describeInBrowser,
  desktopWidth,
  expectAccessible,
  launchBrowser,
  newPerson,
  phoneWidth,
  screenshot,
  signUpThroughUi,
} from '../../support/browser';
import { eventually, sentEmails } from '../../support/outbox';

const venueZone = 'Europe/London';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function emailTo(address: string, subject: RegExp) {
  const emails = await eventually(sentEmails, (all) =>
    all.some((e) => e.destination.to.some((to) => to.includes(address)) && subject.test(e.subject)),
  );
  return emails.find((e) => e.destination.to.some((to) => to.includes(address)) && subject.test(e.subject));
}

/** Searches by keyword as a person would, again while the search index catches up (it follows a stream). */
async function searchUntilFound(page: Page, keyword: string, title: string) {
  await page.getByLabel('Keywords').fill(keyword);
  const deadline = Date.now() + 15_000;
  for (;;) {
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('Searching…').waitFor({ state: 'detached' });
    if ((await page.getByRole('link', { name: title }).count()) > 0 || Date.now() > deadline) return;
    await sleep(300);
  }
}

async function fillNewPerformance(page: Page, title: string) {
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Description').first().fill('A storm, an island, a magician and his daughter.');
  const venue = page.getByRole('group', { name: 'Venue', exact: true });
  await venue.getByLabel('Name').fill('Globe Theatre');
  await venue.getByLabel('Full address').fill('21 New Globe Walk\nLondon SE1 9DT');
  await venue.getByLabel('City').fill('London');
  await venue.getByLabel('Country').selectOption('GB');
  await venue.getByLabel('Time zone of the venue').selectOption(venueZone);
  const opening = DateTime.now().setZone(venueZone).plus({ days: 30 }).set({ hour: 19, minute: 30 });
  await page.getByLabel('Date 1').fill(opening.toFormat("yyyy-LL-dd'T'HH:mm"));
  const character = page.getByRole('group', { name: /^Character 1/ });
  await character.getByLabel('Name').fill('Miranda');
  await character.getByLabel('Description').fill('Prospero’s daughter.');
  await character.getByLabel('Youngest playing age').fill('16');
  await character.getByLabel('Oldest playing age').fill('25');
  await character.getByLabel('Gender').selectOption('female');
  await page.getByRole('group', { name: 'Slot 1' }).getByLabel('Places').fill('2');
}

describeInBrowser('the web UI, end to end', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a director posts a performance, a performer finds it and signs up, the director casts them', async () => {
    const keyword = `Zephyrine${Date.now().toString(36)}`;
    const title = `The ${keyword} Tempest`;
    const password = 'correct-horse-battery';
    const director: Person = {
      role: 'director',
      name: 'Dana Director',
      email: uniqueEmail('ui-director'),
      password,
      phone: '+442071838750',
    };
    const performer: Person = {
      role: 'performer',
      name: 'Pat Performer',
      email: uniqueEmail('ui-performer'),
      password,
      phone: '+12125550123',
    };

    // The director, at a desktop in London, creates an account through the UI.
    const d = await newPerson(browser, { viewport: desktopWidth, timeZone: venueZone });
    await expectAccessible(d.page, 'the start page');
    await screenshot(d.page, 'home');
    await signUpThroughUi(d.page, director, { checkPages: true, timeZone: venueZone });
    await d.page.getByRole('heading', { level: 1, name: 'My performances' }).waitFor();
    await d.page.getByText('You have not posted a performance yet').waitFor();
    await expectAccessible(d.page, 'my performances (empty)');

    // The performer, on a phone in New York, does the same.
    const p = await newPerson(browser, { viewport: phoneWidth, timeZone: 'America/New_York' });
    await signUpThroughUi(p.page, performer, { timeZone: 'America/New_York' });
    await p.page.getByRole('heading', { level: 1, name: 'Find auditions' }).waitFor();
    await expectAccessible(p.page, 'the search page');

    // The director posts a performance whose only slot is two days ahead; it is held early further down.
    await d.page.getByRole('link', { name: 'Post a performance' }).first().click();
    await d.page.getByRole('heading', { level: 1, name: 'Post a performance' }).waitFor();
    await expectAccessible(d.page, 'the performance editor');
    await fillNewPerformance(d.page, title);
    await screenshot(d.page, 'editor');
    const slotStart = DateTime.now()
      .setZone(venueZone)
      .plus({ days: 2 })
      .set({ hour: 10, minute: 0 })
      .startOf('minute');
    await d.page
      .getByRole('group', { name: 'Slot 1' })
      .getByLabel('Start')
      .fill(slotStart.toFormat("yyyy-LL-dd'T'HH:mm"));
    await d.page.getByRole('button', { name: 'Post performance' }).click();
    await d.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await d.page.getByText('Your performance is posted').waitFor();
    const performanceId = decodeURIComponent(/\/performances\/([^/?#]+)/.exec(d.page.url())?.[1] ?? '');
    expect(performanceId, d.page.url()).not.toBe('');
    await expectAccessible(d.page, 'the performance page (owner)');

    // The performer finds it by keyword and signs up for the slot, with an access-needs note.
    await searchUntilFound(p.page, keyword.toLowerCase(), title);
    await p.page.getByRole('link', { name: title }).click();
    await p.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await expectAccessible(p.page, 'the performance page (performer)');
    await screenshot(p.page, 'performance');
    await p.page.getByRole('group', { name: 'Audition slot' }).getByRole('radio').first().check();
    await p.page.getByLabel('Miranda').check();
    await p.page.getByLabel('Access needs').fill('Step-free access, please.');
    await p.page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await p.page.getByRole('heading', { name: 'You are signed up' }).waitFor();
    expect(Date.now(), 'the performer signed up before the audition began').toBeLessThan(slotStart.toMillis());

    await p.page.getByRole('link', { name: 'My auditions' }).first().click();
    await p.page.getByRole('heading', { level: 1, name: 'My auditions' }).waitFor();
    await expect.poll(() => p.page.getByText('Signed up', { exact: true }).isVisible()).toBe(true);
    await expectAccessible(p.page, 'my auditions');
    await screenshot(p.page, 'my-auditions');

    // The director sees the sign-up, with the note; the director's sign-up email is in the outbox.
    await d.page.getByRole('link', { name: 'Sign-ups and casting' }).click();
    await d.page.getByRole('heading', { level: 1, name: `Sign-ups: ${title}` }).waitFor();
    await d.page.getByRole('link', { name: performer.name }).waitFor();
    await d.page.getByText('Step-free access, please.').waitFor();
    await expectAccessible(d.page, 'the sign-ups page');
    await screenshot(d.page, 'signups');
    expect(
      await emailTo(director.email, new RegExp(`New audition sign-up: ${performer.name} for ${title}`)),
    ).toBeDefined();

    // Before the audition has begun there is nothing to cast yet: a hint, no form, nobody "auditioned".
    await d.page.getByText(/You can cast after the audition starts at/).waitFor();
    expect(await d.page.getByRole('button', { name: 'Cast', exact: true }).count()).toBe(0);
    expect(await d.page.getByText(/\(auditioned\)/).count()).toBe(0);

    // The performer's profile, from the sign-up.
    await d.page.getByRole('link', { name: performer.name }).click();
    await d.page.getByRole('heading', { level: 1, name: performer.name }).waitFor();
    await d.page.getByText(performer.email).waitFor();
    await expectAccessible(d.page, 'the performer profile');
    await d.page.getByRole('link', { name: 'Back to the sign-ups' }).click();

    // Once the audition has begun, the director casts the performer. It is held now rather than waited for: the
    // slot, with its sign-up, is moved to a minute ago (through the API, with the director's own sign-in).
    const login = await api<{ idToken: string }>('POST', '/auth/login', {
      body: { email: director.email, password: director.password },
    });
    expect(login.status).toBe(200);
    await holdAuditionNow(login.body.idToken, performanceId);
    await d.page.reload();
    // No character is preselected: the director chooses one, and confirms in a dialog (Escape backs out).
    await d.page.getByText('The audition has begun: you can cast.').waitFor();
    const choice = d.page.getByLabel(`Cast ${performer.name} as`);
    expect(await choice.inputValue()).toBe('');
    await d.page.getByRole('button', { name: 'Cast', exact: true }).click();
    await d.page.getByText('Choose a character.').first().waitFor();
    await choice.selectOption({ label: 'Miranda (auditioned)' });
    await d.page.getByRole('button', { name: 'Cast', exact: true }).click();
    const castDialog = d.page.getByRole('dialog', { name: `Cast ${performer.name} as Miranda?` });
    await castDialog.waitFor();
    await expectAccessible(d.page, 'the cast dialog');
    await d.page.keyboard.press('Escape');
    await castDialog.waitFor({ state: 'detached' });
    expect(await d.page.getByText('Cast as Miranda', { exact: true }).count()).toBe(0);
    await d.page.getByRole('button', { name: 'Cast', exact: true }).click();
    await castDialog.getByRole('button', { name: 'Cast as Miranda' }).click();
    await d.page.getByText(`${performer.name} is cast as Miranda.`).waitFor();
    await d.page.getByText('Cast as Miranda', { exact: true }).waitFor();

    // The director can undo the casting until casting closes; the performer is told. Then casts again.
    await d.page.getByRole('button', { name: `Undo casting of ${performer.name}` }).click();
    const undoDialog = d.page.getByRole('dialog', { name: `Undo casting ${performer.name} as Miranda?` });
    await undoDialog.getByRole('button', { name: 'Undo casting' }).click();
    await d.page.getByText(`${performer.name} is no longer cast as Miranda.`).waitFor();
    expect(await emailTo(performer.email, new RegExp(`You are no longer cast as Miranda in ${title}`))).toBeDefined();
    await choice.selectOption({ label: 'Miranda (auditioned)' });
    await d.page.getByRole('button', { name: 'Cast', exact: true }).click();
    await castDialog.getByRole('button', { name: 'Cast as Miranda' }).click();
    await d.page.getByText('Cast as Miranda', { exact: true }).waitFor();

    // The performer sees "cast", gets the email, and the performance is current on their profile.
    await p.page.reload();
    await p.page.getByText('Cast as Miranda', { exact: true }).waitFor();
    expect(await emailTo(performer.email, new RegExp(`You have been cast as Miranda in ${title}`))).toBeDefined();
    await p.page.getByRole('link', { name: 'Profile' }).first().click();
    await p.page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    await p.page.getByRole('region', { name: 'Current performances' }).getByRole('link', { name: title }).waitFor();
    await expectAccessible(p.page, 'the profile page');
    await screenshot(p.page, 'profile');

    // The director's own pages, now with content.
    await d.page.getByRole('link', { name: 'My performances' }).first().click();
    await d.page.getByRole('link', { name: title, exact: true }).waitFor();
    await expectAccessible(d.page, 'my performances');
    await screenshot(d.page, 'my-performances');
    await d.page.getByRole('link', { name: 'Profile' }).first().click();
    await d.page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    await expectAccessible(d.page, 'the director profile');

    expect([...d.pageErrors, ...p.pageErrors]).toEqual([]);
    await d.context.close();
    await p.context.close();
  }, 240_000);
});
