import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { api } from './api';
import { browserLaunchOptions, chromiumPath } from './chromium';

/**
 * `describe` for browser tests: runs them when Chromium is installed; otherwise skips them with a loud warning,
 * or, under CI=true, fails, because CI must never pass without having run them.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(chromiumPath)) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs Chromium at ${chromiumPath}`, () => {
        expect.fail(
          `Chromium is missing at ${chromiumPath}; CI must run the browser tests (apt-get install chromium).`,
        );
      });
    });
  } else {
    const bar = '!'.repeat(78);
    console.warn(
      `\n${bar}\n!!  SKIPPING THE BROWSER TESTS: ${name}\n!!  Chromium is not installed at ${chromiumPath}.\n` +
        `!!  Install it with: apt-get install -y chromium   (Debian/Ubuntu, as root)\n` +
        `!!  Under CI=true a missing Chromium fails the run instead.\n${bar}\n`,
    );
    describe.skip(name, body);
  }
}

/**
 * The browser for a test file. The integration setup launches one Chromium for all files (each person still
 * gets a fresh context: own storage, own sign-in); a file connects to it, and `close()` only disconnects. Run
 * without that setup, the file launches its own.
 */
export function launchBrowser(): Promise<Browser> {
  const shared = inject('browserWsEndpoint');
  return shared ? chromium.connect(shared) : chromium.launch(browserLaunchOptions);
}

export const phoneWidth = { width: 375, height: 812 };
export const desktopWidth = { width: 1280, height: 900 };

/**
 * A person at their own browser: a fresh context (own storage, so its own sign-in) with a viewport and a time
 * zone, so the UI's zone detection sees that zone. Uncaught page errors are collected and fail
 * `expectNoPageErrors`.
 */
export async function newPerson(
  browser: Browser,
  options: { viewport: { width: number; height: number }; timeZone: string },
) {
  const context = await browser.newContext({
    viewport: options.viewport,
    timezoneId: options.timeZone,
    locale: 'en-GB',
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.setDefaultTimeout(15_000);
  await page.goto(inject('webUrl'));
  return { context, page, pageErrors };
}

/** Runs axe-core on the page as it is now; fails on any serious or critical violation, naming each. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `accessibility on ${where}`).toEqual([]);
}

/** Saves a full-page screenshot when WEB_SCREENSHOTS names a directory (for looking at layouts; not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.WEB_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
}

/** The code cognito-local would have emailed, from the local API. */
export async function confirmationCode(email: string): Promise<string> {
  const response = await api<{ code: string }>('GET', `/__local/confirmation-code?email=${encodeURIComponent(email)}`);
  if (response.status !== 200) throw new Error(`no confirmation code for ${email}`);
  return response.body.code;
}

export interface Person {
  readonly role: 'performer' | 'director';
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly phone: string;
}

/** Signs in through the sign-in page, from wherever the page is. */
export async function signInThroughUi(page: Page, person: Pick<Person, 'email' | 'password'>): Promise<void> {
  await page.goto(`${inject('webUrl')}/sign-in`);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /Sign out/ }).waitFor();
}

/**
 * Creates an account the way a person does: the sign-up form (role, contact, time zone detected from the
 * browser), the confirmation page (the code read from the local API, as the page says), then the sign-in page.
 * Checks each page with axe on the way when `checkPages` is set.
 */
export async function signUpThroughUi(page: Page, person: Person, options: { checkPages?: boolean; timeZone: string }) {
  const check = options.checkPages ? (where: string) => expectAccessible(page, where) : async () => undefined;
  await page.getByRole('link', { name: 'Create an account' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
  await check('the sign-up page');
  expect(await page.getByLabel('Time zone').inputValue()).toBe(options.timeZone);
  await page
    .getByLabel(person.role === 'performer' ? 'Performer' : 'Director or casting director', { exact: true })
    .check();
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByLabel('Phone number').fill(person.phone);
  await page.getByRole('button', { name: 'Create account' }).click();

  await page.getByRole('heading', { level: 1, name: 'Confirm your email address' }).waitFor();
  await expect.poll(() => page.getByText('Running locally: no email is sent').isVisible()).toBe(true);
  await check('the confirmation page');
  expect(await page.getByLabel('Email address').inputValue()).toBe(person.email);
  await page.getByLabel('Confirmation code').fill(await confirmationCode(person.email));
  await page.getByRole('button', { name: 'Confirm' }).click();

  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await check('the sign-in page');
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /Sign out/ }).waitFor();
}

export interface Focused {
  readonly tag: string;
  readonly id: string;
  readonly className: string;
  readonly text: string;
}

/** What has keyboard focus on the page (written as a string: these tests compile without the DOM library). */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate<Focused>(
    `(() => { const e = document.activeElement; return { tag: e?.tagName ?? '', id: e?.id ?? '', className: e?.className ?? '', text: e?.textContent ?? '' }; })()`,
  );
}
