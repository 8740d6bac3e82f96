import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { api, signedUpUser } from '../../support/api';
import { describeInBrowser, desktopWidth, launchBrowser, newPerson, signInThroughUi } from '../../support/browser';

const format = "yyyy-LL-dd'T'HH:mm";

async function postPerformance(token: string, title: string): Promise<string> {
  const slot = DateTime.now().setZone('Europe/Rome').plus({ days: 3 }).set({ hour: 11, minute: 0 });
  const contact = { name: 'Tessa Tab', email: 'tessa.tab@example.com', phone: '+442071838750' };
  const created = await api<{ performanceId: string }>('POST', '/performances', {
    token,
    body: {
      title,
      description: 'Two tabs, one browser.',
      kind: 'live',
      director: contact,
      castingDirector: contact,
      venue: { name: 'Teatro', address: '1 Via Prova', city: 'Rome', country: 'IT', timeZone: 'Europe/Rome' },
      dates: [slot.plus({ days: 30 }).set({ hour: 20 }).toFormat(format)],
      characters: [{ name: 'Arlecchino' }],
      slots: [{ start: slot.toFormat(format), durationMinutes: 15, capacity: 2 }],
    },
  });
  if (created.status !== 201) throw new Error(`could not post: ${JSON.stringify(created.body)}`);
  return created.body.performanceId;
}

const signOutButton = (page: Page) => page.getByRole('button', { name: /Sign out/ });

describeInBrowser('the web UI: one sign-in for the whole browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('holds in every tab and for links opened from an email, and signing out in one tab ends it in all', async () => {
    const director = await signedUpUser('director');
    const performer = await signedUpUser('performer', { name: 'Tab Tester' });
    const title = `Two Tabs ${Date.now().toString(36)}`;
    const performanceId = await postPerformance(director.token, title);

    const first = await newPerson(browser, { viewport: desktopWidth, timeZone: 'America/Chicago' });
    await signInThroughUi(first.page, performer);

    // A second tab of the same browser is signed in.
    const second = await first.context.newPage();
    await second.goto(`${inject('webUrl')}/profile`);
    await second.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();

    // A link from an email, opened in a new tab, opens its page without asking to sign in.
    const third = await first.context.newPage();
    await third.goto(`${inject('webUrl')}/performances/${performanceId}`);
    await third.getByRole('heading', { level: 1, name: title }).waitFor();

    // Signing out in one tab ends the session in the others, without reloading them.
    await signOutButton(second).click();
    await first.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await third.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await signOutButton(first.page).count()).toBe(0);
    expect(await signOutButton(third).count()).toBe(0);
    // …and a new tab is signed out too.
    const fourth = await first.context.newPage();
    await fourth.goto(`${inject('webUrl')}/performances/${performanceId}`);
    await fourth.getByText('Sign in to see this page.').waitFor();

    // Signing in again in one tab signs in the others; the one that asked opens its page.
    await fourth.getByLabel('Email address').fill(performer.email);
    await fourth.getByLabel('Password').fill(performer.password);
    await fourth.getByRole('button', { name: 'Sign in' }).click();
    await fourth.getByRole('heading', { level: 1, name: title }).waitFor();
    await signOutButton(first.page).waitFor();
    await signOutButton(third).waitFor();

    expect(first.pageErrors).toEqual([]);
    await first.context.close();
  }, 120_000);

  it('renews the ID token shortly before it expires, in a tab left open, without asking', async () => {
    const performer = await signedUpUser('performer', { name: 'Idle Ida' });
    const first = await newPerson(browser, { viewport: desktopWidth, timeZone: 'America/Chicago' });
    await first.context.clock.install();
    const signedIn = first.page.waitForRequest((request) => request.url().endsWith('/me'));
    await signInThroughUi(first.page, performer);
    const signInToken = (await signedIn).headers().authorization;

    // When the ID token expires, the tab has renewed it by itself and is still signed in.
    const { exp } = JSON.parse(Buffer.from(signInToken!.split('.')[1]!, 'base64url').toString()) as { exp: number };
    const refreshed = first.page.waitForResponse((response) => response.url().endsWith('/auth/refresh'));
    await first.page.clock.fastForward(exp * 1000 - Date.now());
    expect((await refreshed).status()).toBe(200);
    const me = first.page.waitForRequest((request) => request.url().endsWith('/me'));
    await first.page.getByRole('link', { name: 'Profile' }).first().click();
    await first.page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    const renewedToken = (await me).headers().authorization;
    expect(renewedToken).toMatch(/^Bearer /);
    expect(renewedToken).not.toBe(signInToken);

    expect(first.pageErrors).toEqual([]);
    await first.context.close();
  }, 120_000);

  it('renews an ID token the API no longer accepts with the refresh token, one tab at a time, for all tabs', async () => {
    const director = await signedUpUser('director');
    const performer = await signedUpUser('performer', { name: 'Renee Renewal' });
    const title = `Renewal ${Date.now().toString(36)}`;
    const performanceId = await postPerformance(director.token, title);

    const first = await newPerson(browser, { viewport: desktopWidth, timeZone: 'America/Chicago' });
    await signInThroughUi(first.page, performer);
    const second = await first.context.newPage();
    const me = second.waitForRequest((request) => request.url().endsWith('/me'));
    await second.goto(`${inject('webUrl')}/profile`);
    await second.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    const firstToken = (await me).headers().authorization;
    expect(firstToken).toMatch(/^Bearer /);

    // From now on the API answers the token every tab holds as it answers an expired one.
    const expired = new Set([firstToken]);
    // Each renewal: which tab asked. How many are on their way at once is counted where they pass, so no clock of
    // another process is compared.
    const refreshes: { page: unknown }[] = [];
    first.context.on('requestfinished', (request) => {
      // The POST only: a CORS preflight (OPTIONS) of the same URL is not a renewal.
      if (!request.url().endsWith('/auth/refresh') || request.method() !== 'POST') return;
      refreshes.push({ page: request.frame().page() });
    });
    await first.context.route(`${inject('apiUrl')}/**`, async (route) => {
      const authorization = route.request().headers().authorization;
      if (!authorization || !expired.has(authorization)) return route.continue();
      return route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify({
          type: '/problems/unauthenticated',
          title: 'Sign in first',
          status: 401,
          code: 'unauthenticated',
          detail: 'The token has expired; sign in again.',
        }),
      });
    });

    // Registered last, so it sees the renewals first; each waits for the real answer before the tab gets it.
    let inFlight = 0;
    let mostAtOnce = 0;
    await first.context.route(`${inject('apiUrl')}/auth/refresh`, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      mostAtOnce = Math.max(mostAtOnce, ++inFlight);
      try {
        const response = await route.fetch();
        await new Promise((resolve) => setTimeout(resolve, 100)); // long enough for an unguarded second renewal
        await route.fulfill({ response });
      } finally {
        inFlight -= 1;
      }
    });

    // Both tabs need the API at once: one renews the token, both use it, nobody is asked to sign in.
    const newTokens = new Set<string>();
    first.context.on('request', (request) => {
      const authorization = request.headers().authorization;
      if (authorization && !expired.has(authorization)) newTokens.add(authorization);
    });
    await Promise.all([
      first.page.goto(`${inject('webUrl')}/performances/${performanceId}`),
      second.goto(`${inject('webUrl')}/my/auditions`),
    ]);
    await first.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await second.getByRole('heading', { level: 1, name: 'My auditions' }).waitFor();
    // One renewal at a time in the whole browser, at most one per tab. Usually the second tab finds the first
    // one's token once it gets the lock; but Chromium hands a write to localStorage to other tabs asynchronously,
    // so a tab that gets the lock a moment after the renewal can still read the old token and renew once more.
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    expect(new Set(refreshes.map((r) => r.page)).size).toBe(refreshes.length);
    expect(mostAtOnce).toBe(1);
    expect(newTokens.size).toBeGreaterThanOrEqual(1);
    expect(newTokens.size).toBeLessThanOrEqual(refreshes.length);
    const renewals = refreshes.length;

    // A tab opened later uses the renewed token straight away.
    const third = await first.context.newPage();
    await third.goto(`${inject('webUrl')}/profile`);
    await third.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    expect(refreshes).toHaveLength(renewals);

    expect(first.pageErrors).toEqual([]);
    await first.context.close();
  }, 120_000);
});
