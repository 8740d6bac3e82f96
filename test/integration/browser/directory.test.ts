import type { Browser, Page } from 'playwright-core';
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
import { marker, searchForLondonBaritone } from '../../support/directory';
import { eventually } from '../../support/outbox';

/** True when the page is no wider than its viewport (nothing to scroll sideways at 375 px). */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

describeInBrowser('the web UI: the talent directory', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a performer lists themselves; a director finds the baritone in London aged 30–40 who sings, without contact details', async () => {
    const word = marker('barrytone');
    const name = `Barry Tone ${word}`;
    const performer = await signedUpUser('performer', { name, phone: '+442071838750' });
    const director = await signedUpUser('director', { name: 'Dee Rector', timeZone: 'Europe/London' });

    // The performer fills in the directory profile on a phone.
    const p = await newPerson(browser, { viewport: phoneWidth, timeZone: 'Europe/London' });
    await signInThroughUi(p.page, performer);
    await p.page.getByRole('link', { name: 'Profile' }).first().click();
    await p.page.getByText('You are not listed: directors cannot find you in the talent directory.').waitFor();
    await p.page.getByRole('link', { name: 'Edit your directory profile' }).click();
    await p.page.getByRole('heading', { level: 1, name: 'Your directory profile' }).waitFor();
    await p.page.getByText('They never see your email address, your phone number or any access needs.').waitFor();
    await expectAccessible(p.page, 'the directory profile editor');
    expect(await fitsWidth(p.page)).toBe(true);

    const listed = p.page.getByLabel('List me in the talent directory');
    expect(await listed.isChecked()).toBe(false);
    await listed.check();
    await p.page.getByLabel('From', { exact: true }).fill('45');
    await p.page.getByLabel('To', { exact: true }).fill('35');
    await p.page.getByLabel('Gender, in your words').fill('Man');
    await p.page.getByLabel('Gender category').selectOption('male');
    await p.page.getByLabel('Voice type').selectOption('baritone');
    await p.page.getByLabel('Skills').fill('Singing, Stage combat');
    await p.page.getByLabel('Languages').fill('English, French');
    await p.page.getByLabel('Unions').fill('Equity');
    await p.page.getByLabel('City').fill('London');
    await p.page.getByLabel('Country').selectOption('GB');
    await p.page.getByLabel('Reel').fill('http://example.com/reel');
    await p.page.getByLabel('Bio').fill(`Trained at the ${word} school. Sings and fights on stage.`);

    // The preview follows the form before anything is saved.
    const preview = p.page.getByRole('region', { name: 'Preview of your card' });
    await preview.getByText('Baritone').waitFor();
    await preview.getByText('singing, stage combat').waitFor();
    await preview.getByText('London, United Kingdom').waitFor();

    // The API's schema refuses a link that is not https before sending; the error sits next to the field.
    await p.page.getByRole('button', { name: 'Save directory profile' }).click();
    const summary = p.page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: /^Reel:/ }).waitFor();
    await p.page.locator('#field-links-reel-error').waitFor();
    await expectAccessible(p.page, 'the directory profile editor showing errors');
    await p.page.getByLabel('Reel').fill('https://example.com/reel');

    // A range running backwards is refused by the API (problem+json): its message shows beside "From".
    await p.page.getByRole('button', { name: 'Save directory profile' }).click();
    await summary.getByRole('link', { name: /^Playing age from: must not be above/ }).waitFor();
    expect(await p.page.locator('#field-ageMin-error').textContent()).toContain('Must not be above');
    await p.page.getByLabel('From', { exact: true }).fill('30');
    await p.page.getByLabel('To', { exact: true }).fill('40');
    await p.page.getByRole('button', { name: 'Save directory profile' }).click();
    await p.page.getByText('Your directory profile is saved.').waitFor();
    // Tags come back as the API stores them.
    expect(await p.page.getByLabel('Skills').inputValue()).toBe('singing, stage combat');
    await preview.getByText('30–40').waitFor();
    await screenshot(p.page, 'directory-profile');
    await p.page.getByRole('link', { name: 'Back to your profile' }).click();
    await p.page.getByText('You are listed: directors and casting directors can find you').waitFor();

    // The director searches on a desktop.
    const d = await newPerson(browser, { viewport: desktopWidth, timeZone: 'Europe/London' });
    await signInThroughUi(d.page, director);
    await searchForLondonBaritone(d.page, word, name);
    const url = new URL(d.page.url());
    expect(url.pathname).toBe('/performers');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: word,
      ageMin: '30',
      ageMax: '40',
      voiceType: 'baritone',
      skills: 'singing',
      city: 'London',
      country: 'GB',
    });
    const card = d.page.getByRole('article', { name });
    await card.getByText('30–40').waitFor();
    // No photo: the initials of the name's first and last words stand in.
    expect(await card.locator('.performer-photo-none').textContent()).toBe('BB');
    await expectAccessible(d.page, 'the talent search with results');
    await screenshot(d.page, 'talent-search');

    // A reload keeps the search; so does coming back from the performer's page.
    await d.page.reload();
    await card.waitFor();
    expect(await d.page.getByLabel('Voice type').inputValue()).toBe('baritone');
    await card.getByRole('link', { name }).click();
    await d.page.getByRole('heading', { level: 1, name }).waitFor();
    await d.page.getByText(`Trained at the ${word} school.`).waitFor();
    await d.page.getByRole('link', { name: /^Reel/ }).waitFor();
    const page = await d.page.content();
    expect(page).not.toContain(performer.email);
    expect(page).not.toContain('2071838750');
    expect(page).not.toContain('mailto:');
    await expectAccessible(d.page, 'a performer’s directory page');
    await screenshot(d.page, 'directory-performer');
    await d.page.goBack();
    await card.waitFor();
    expect(await d.page.getByLabel('Keywords').inputValue()).toBe(word);

    // At 375 px the search and the page fit the screen and pass axe.
    await d.page.setViewportSize(phoneWidth);
    expect(await fitsWidth(d.page)).toBe(true);
    await expectAccessible(d.page, 'the talent search at 375 px');
    await screenshot(d.page, 'talent-search');
    await card.getByRole('link', { name }).click();
    await d.page.getByRole('heading', { level: 1, name }).waitFor();
    expect(await fitsWidth(d.page)).toBe(true);
    await expectAccessible(d.page, 'a performer’s directory page at 375 px');
    await screenshot(d.page, 'directory-performer');

    // Unlisted again, the performer's page is gone for the director.
    expect((await api('PATCH', '/me', { token: performer.token, body: { listed: false } })).status).toBe(200);
    await d.page.reload();
    await d.page
      .getByRole('alert')
      .getByText(/not in the talent directory.*chose not to be listed/)
      .waitFor();
    expect(p.pageErrors).toEqual([]);
    expect(d.pageErrors).toEqual([]);
    // Two people's whole journeys with six axe runs: over two minutes on a busy shared machine.
  }, 300_000);

  it('shows more performers page by page with the cursor, keeping the keyboard on the first new card', async () => {
    const word = marker('pager');
    const names = Array.from({ length: 11 }, (_, i) => `Page Turner ${String.fromCharCode(65 + i)} ${word}`);
    for (const name of names) {
      const performer = await signedUpUser('performer', { name });
      const body = { listed: true, bio: `Listed by the ${word} test.`, voiceType: 'tenor' };
      expect((await api('PATCH', '/me', { token: performer.token, body })).status).toBe(200);
    }
    const director = await signedUpUser('director');
    await eventually(
      () =>
        api<{ results: unknown[]; next: string | null }>('GET', `/performers?q=${word}&limit=20`, {
          token: director.token,
        }),
      (response) => response.body.results?.length === names.length,
    );

    const d = await newPerson(browser, { viewport: phoneWidth, timeZone: 'Europe/London' });
    await signInThroughUi(d.page, director);
    await d.page.goto(`${inject('webUrl')}/performers?q=${word}`);
    const cards = d.page.getByRole('article');
    await d.page.getByText('10 performers shown; more below.').waitFor();
    expect(await cards.count()).toBe(10);
    await d.page.getByRole('button', { name: 'Show more performers' }).click();
    await d.page.getByText('11 performers shown.').waitFor();
    expect(await d.page.getByRole('button', { name: 'Show more performers' }).count()).toBe(0);
    const shown = await cards.locator('h3').allTextContents();
    expect([...shown].sort()).toEqual([...names].sort());
    // Focus moved to the new card's link, so a keyboard user carries on from there.
    const focusedText = await d.page.evaluate<string>('document.activeElement?.textContent ?? ""');
    expect(focusedText).toBe(shown[10]);
    expect(await fitsWidth(d.page)).toBe(true);
    expect(d.pageErrors).toEqual([]);
  });
});
