import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { api, signedUpUser } from '../../support/api';
import { describeInBrowser, launchBrowser, newPerson, phoneWidth, signInThroughUi } from '../../support/browser';

const format = "yyyy-LL-dd'T'HH:mm";

interface Created {
  performanceId: string;
  slots: { slotId: string }[];
  characters: { characterId: string }[];
}

/** A performance in Dublin whose slots, a day apart from two days ahead, take `capacities` performers. */
async function postPerformance(token: string, title: string, capacities: number[]): Promise<Created> {
  const first = DateTime.now().setZone('Europe/Dublin').plus({ days: 2 }).set({ hour: 14, minute: 0 });
  const contact = { name: 'Fion Full', email: 'fion.full@example.com', phone: '+442071838750' };
  const created = await api<Created>('POST', '/performances', {
    token,
    body: {
      title,
      description: 'One place, two hopefuls.',
      kind: 'live',
      director: contact,
      castingDirector: contact,
      venue: { name: 'Abbey', address: '26 Lower Abbey St', city: 'Dublin', country: 'IE', timeZone: 'Europe/Dublin' },
      dates: [first.plus({ days: 30 }).set({ hour: 20 }).toFormat(format)],
      characters: [{ name: 'Puck' }],
      slots: capacities.map((capacity, i) => ({
        start: first.plus({ days: i }).toFormat(format),
        durationMinutes: 20,
        capacity,
      })),
    },
  });
  if (created.status !== 201) throw new Error(`could not post: ${JSON.stringify(created.body)}`);
  return created.body;
}

/** Someone else takes the first slot's only place while the page is open. */
async function rivalTakes(performance: Created): Promise<void> {
  const rival = await signedUpUser('performer', { name: 'Quick Rival' });
  const taken = await api('POST', `/performances/${performance.performanceId}/signup`, {
    token: rival.token,
    body: { slotId: performance.slots[0]!.slotId, characterIds: [performance.characters[0]!.characterId] },
  });
  expect(taken.status).toBe(201);
}

async function trySignUpForFirstSlot(page: Page): Promise<void> {
  await page.getByRole('group', { name: 'Audition slot' }).getByRole('radio').first().check();
  await page.getByLabel('Puck').check();
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: /full/ }).waitFor();
}

const mainText = (page: Page) => page.locator('main').innerText();

describeInBrowser('the web UI: a slot that fills while the page is open', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says once that the slot is full and shows the places as they are now', async () => {
    const director = await signedUpUser('director');
    const performer = await signedUpUser('performer', { name: 'Slow Hopeful' });
    const p = await newPerson(browser, { viewport: phoneWidth, timeZone: 'Europe/Dublin' });
    await signInThroughUi(p.page, performer);

    // The only slot fills: the page says so once, and no longer offers the place.
    const single = await postPerformance(director.token, `Puck Alone ${Date.now().toString(36)}`, [1]);
    await p.page.goto(`${inject('webUrl')}/performances/${single.performanceId}`);
    await p.page
      .getByText(/1 of 1 places? left/)
      .first()
      .waitFor();
    await rivalTakes(single);
    await trySignUpForFirstSlot(p.page);
    await p.page.getByText('No audition slot has a place left.').waitFor();
    const alone = await mainText(p.page);
    expect(alone.match(/slot is full/gi), alone).toHaveLength(1);
    expect(alone).not.toMatch(/1 of 1 places? left/);

    // One of two slots fills: it shows as full and cannot be chosen; the other still can.
    const double = await postPerformance(director.token, `Puck Twice ${Date.now().toString(36)}`, [1, 2]);
    await p.page.goto(`${inject('webUrl')}/performances/${double.performanceId}`);
    await p.page
      .getByText(/1 of 1 places? left/)
      .first()
      .waitFor();
    await rivalTakes(double);
    await trySignUpForFirstSlot(p.page);
    const radios = p.page.getByRole('group', { name: 'Audition slot' }).getByRole('radio');
    await expect.poll(() => radios.first().isDisabled()).toBe(true);
    expect(await radios.first().isChecked()).toBe(false);
    const text = await mainText(p.page);
    expect(text.match(/slot is full/gi), text).toHaveLength(1);
    expect(text).not.toMatch(/1 of 1 places? left/);
    expect(text).toMatch(/2 of 2 places left/);
    await radios.nth(1).check();
    await p.page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await p.page.getByRole('heading', { name: 'You are signed up' }).waitFor();

    expect(p.pageErrors).toEqual([]);
    await p.context.close();
  }, 120_000);

  it('shows a sign-up withdrawn elsewhere as withdrawn when withdrawing it again is refused', async () => {
    const director = await signedUpUser('director');
    const performer = await signedUpUser('performer', { name: 'Twice Gone' });
    const title = `Puck Gone ${Date.now().toString(36)}`;
    const performance = await postPerformance(director.token, title, [2]);
    const path = `/performances/${performance.performanceId}/signup`;
    const body = { slotId: performance.slots[0]!.slotId, characterIds: [performance.characters[0]!.characterId] };
    expect((await api('POST', path, { token: performer.token, body })).status).toBe(201);

    const p = await newPerson(browser, { viewport: phoneWidth, timeZone: 'Europe/Dublin' });
    await signInThroughUi(p.page, performer);
    await p.page.goto(`${inject('webUrl')}/my/auditions`);
    await p.page.getByText('Signed up', { exact: true }).waitFor();
    // Withdrawn meanwhile, from another device.
    expect((await api('DELETE', path, { token: performer.token })).status).toBe(200);
    await p.page.getByRole('button', { name: `Withdraw from ${title}` }).click();
    await p.page.getByRole('dialog').getByRole('button', { name: 'Withdraw' }).click();
    await p.page.getByRole('dialog').getByRole('alert').first().waitFor();
    await p.page.getByText('Withdrawn', { exact: true }).waitFor();
    expect(await p.page.getByText('Signed up', { exact: true }).count()).toBe(0);

    expect(p.pageErrors).toEqual([]);
    await p.context.close();
  }, 120_000);
});
