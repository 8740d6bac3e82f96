import { DateTime } from 'luxon';
import type { BrowserContext, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { api, signedUpUser } from '../../support/api';
import { describeInBrowser, desktopWidth, launchBrowser, newPerson, signInThroughUi } from '../../support/browser';

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
});
