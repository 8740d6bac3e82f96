import type { Browser } from 'playwright-core';
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

describeInBrowser('the web UI: an address SES reported bounced', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the person on their profile page that we no longer email them, and why; saving keeps it', async () => {
    const performer = await signedUpUser('performer', { name: 'Bounced Bea' });
    const bounce = {
      notificationType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'NoEmail',
        bouncedRecipients: [{ emailAddress: performer.email }],
        timestamp: '2026-11-30T09:00:00.000Z',
      },
    };
    expect((await api('POST', '/__local/ses-feedback', { body: bounce })).status).toBe(200);

    const { page } = await newPerson(browser, { viewport: desktopWidth, timeZone: 'Europe/London' });
    await signInThroughUi(page, performer);
    await page.goto(`${inject('webUrl')}/profile`);
    const notice = page.getByRole('region', { name: `We no longer send email to ${performer.email}` });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('On 2026-11-30 an email to this address came back');
    await expectAccessible(page, 'the profile page with the undeliverable notice');

    await page.getByLabel('Full name').fill('Bea Bounced');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your profile is saved.').waitFor();
    await notice.waitFor();
  });
});
