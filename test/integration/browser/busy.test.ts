import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { api, signedUpUser } from '../../support/api';
import {
  describeInBrowser,
  desktopWidth,
  expectAccessible,
  launchBrowser,
  newPerson,
  signInThroughUi,
} from '../../support/browser';

const format = "yyyy-LL-dd'T'HH:mm";

async function postPerformance(token: string, title: string): Promise<string> {
  const slot = DateTime.now().setZone('Europe/Paris').plus({ days: 3 }).set({ hour: 10, minute: 0 });
  const contact = { name: 'Bea Busy', email: 'bea.busy@example.com', phone: '+442071838750' };
  const created = await api<{ performanceId: string }>('POST', '/performances', {
    token,
    body: {
      title,
      description: 'A busy night.',
      kind: 'live',
      director: contact,
      castingDirector: contact,
      venue: { name: 'Odéon', address: '2 Rue Corneille', city: 'Paris', country: 'FR', timeZone: 'Europe/Paris' },
      dates: [slot.plus({ days: 30 }).set({ hour: 20 }).toFormat(format)],
      characters: [{ name: 'Scapin' }],
      slots: [{ start: slot.toFormat(format), durationMinutes: 15, capacity: 2 }],
    },
  });
  if (created.status !== 201) throw new Error(`could not post: ${JSON.stringify(created.body)}`);
  return created.body.performanceId;
}

/**
 * Answers the first `times` calls of `method path` (all of them when `times` is Infinity) as the API does when
 * its table is over its provisioned throughput: 503 problem+json with Retry-After: 1. Returns the count of calls.
 */
async function busyFor(context: BrowserContext, method: string, path: RegExp, times: number) {
  const calls = { count: 0 };
  await context.route(
    (url) => url.href.startsWith(inject('apiUrl')) && path.test(url.pathname),
    async (route) => {
      if (route.request().method() !== method) return route.fallback();
      calls.count += 1;
      if (calls.count > times) return route.fallback();
      return route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        headers: {
          'retry-after': '1',
          'access-control-allow-origin': '*',
          'access-control-expose-headers': 'location,retry-after',
        },
        body: JSON.stringify({
          type: '/problems/service-unavailable',
          title: 'Busy; try again shortly',
          status: 503,
          code: 'service-unavailable',
          detail: 'We are busy; try again in a few seconds.',
        }),
      });
    },
  );
  return calls;
}

const busyStatus = (page: Page) => page.getByRole('status').filter({ hasText: /Busy — retrying in \d+ s/ });

describeInBrowser('the web UI: busy, retrying', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('rides out a throttled save: says it is retrying, then saves what was typed', async () => {
    const performer = await signedUpUser('performer', { name: 'Patient Pat' });
    const p = await newPerson(browser, { viewport: desktopWidth, timeZone: 'Europe/Paris' });
    await signInThroughUi(p.page, performer);
    await p.page.getByRole('link', { name: 'Profile' }).first().click();
    await p.page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();

    const calls = await busyFor(p.context, 'PATCH', /\/me$/, 2);
    await p.page.getByLabel('Full name').fill('Patient Patricia');
    await p.page.getByLabel('Phone number').fill('+442071838751');
    await p.page.getByRole('button', { name: 'Save changes' }).click();

    // The person is told, politely, that the app is retrying; not that something went wrong.
    const status = busyStatus(p.page);
    await status.waitFor();
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await p.page.getByRole('alert').count()).toBe(0);

    await p.page.getByText('Your profile is saved.').waitFor();
    expect(calls.count).toBe(3);
    await expect.poll(() => status.count()).toBe(0);
    expect(await p.page.getByRole('alert').count()).toBe(0);
    expect(await p.page.getByLabel('Full name').inputValue()).toBe('Patient Patricia');
    expect(await p.page.getByLabel('Phone number').inputValue()).toBe('+442071838751');
    const me = await api<{ name: string }>('GET', '/me', { token: performer.token });
    expect(me.body.name).toBe('Patient Patricia');

    expect(p.pageErrors).toEqual([]);
    await p.context.close();
  }, 60_000);

  it('when the API stays busy, shows its message and keeps everything typed in the form', async () => {
    const director = await signedUpUser('director');
    const performer = await signedUpUser('performer', { name: 'Hopeful Hal' });
    const title = `Busy Night ${Date.now().toString(36)}`;
    const performanceId = await postPerformance(director.token, title);
    const p = await newPerson(browser, { viewport: desktopWidth, timeZone: 'Europe/Paris' });
    await signInThroughUi(p.page, performer);
    await p.page.goto(`${inject('webUrl')}/performances/${performanceId}`);
    await p.page.getByRole('heading', { level: 1, name: title }).waitFor();

    // POST sign-up is retried: the API's 503 means nothing was written.
    const calls = await busyFor(p.context, 'POST', /\/signup$/, Infinity);
    await p.page.getByRole('group', { name: 'Audition slot' }).getByRole('radio').first().check();
    await p.page.getByLabel('Scapin').check();
    await p.page.getByLabel('Access needs').fill('A chair in the wings, please.');
    await p.page.getByRole('button', { name: 'Sign up', exact: true }).click();

    await busyStatus(p.page).waitFor();
    await expectAccessible(p.page, 'the performance page while busy, retrying');
    await p.page.getByRole('alert').filter({ hasText: 'We are busy; try again in a few seconds.' }).waitFor();
    expect(calls.count).toBeGreaterThan(1);
    await expect.poll(() => busyStatus(p.page).count()).toBe(0);
    expect(await p.page.getByLabel('Access needs').inputValue()).toBe('A chair in the wings, please.');
    expect(await p.page.getByLabel('Scapin').isChecked()).toBe(true);
    expect(await p.page.getByRole('group', { name: 'Audition slot' }).getByRole('radio').first().isChecked()).toBe(
      true,
    );
    expect(await p.page.getByRole('button', { name: 'Sign up', exact: true }).isEnabled()).toBe(true);

    expect(p.pageErrors).toEqual([]);
    await p.context.close();
  }, 60_000);

  it('keeps the sign-up form and its input when the page cannot load the places again after a refusal', async () => {
    const director = await signedUpUser('director');
    const performer = await signedUpUser('performer', { name: 'Unlucky Una' });
    const title = `Full Night ${Date.now().toString(36)}`;
    const performanceId = await postPerformance(director.token, title);
    const p = await newPerson(browser, { viewport: desktopWidth, timeZone: 'Europe/Paris' });
    await signInThroughUi(p.page, performer);
    await p.page.goto(`${inject('webUrl')}/performances/${performanceId}`);
    await p.page.getByRole('heading', { level: 1, name: title }).waitFor();

    // The slot is refused as full, so the page loads the performance again; that load fails.
    const answer = (status: number, code: string, detail: string) => ({
      status,
      contentType: 'application/problem+json',
      headers: { 'access-control-allow-origin': '*' },
      body: JSON.stringify({ type: `/problems/${code}`, title: detail, status, code, detail }),
    });
    await p.context.route(
      (url) => url.href.startsWith(inject('apiUrl')) && url.pathname.endsWith(`/performances/${performanceId}/signup`),
      (route) =>
        route.request().method() === 'POST'
          ? route.fulfill(answer(409, 'slot-full', 'This audition slot is full.'))
          : route.fallback(),
    );
    await p.context.route(
      (url) => url.href.startsWith(inject('apiUrl')) && url.pathname.endsWith(`/performances/${performanceId}`),
      (route) =>
        route.request().method() === 'GET'
          ? route.fulfill(answer(500, 'internal', 'An unexpected error occurred; it has been logged.'))
          : route.fallback(),
    );
    await p.page.getByRole('group', { name: 'Audition slot' }).getByRole('radio').first().check();
    await p.page.getByLabel('Scapin').check();
    await p.page.getByLabel('Access needs').fill('Morning slots only, please.');
    const reloaded = p.page.waitForResponse(
      (response) => response.url().endsWith(`/performances/${performanceId}`) && response.status() === 500,
    );
    await p.page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await reloaded;

    await p.page.getByRole('alert').filter({ hasText: 'This audition slot is full.' }).waitFor();
    expect(await p.page.getByLabel('Access needs').inputValue()).toBe('Morning slots only, please.');
    expect(await p.page.getByLabel('Scapin').isChecked()).toBe(true);

    expect(p.pageErrors).toEqual([]);
    await p.context.close();
  }, 60_000);
});
