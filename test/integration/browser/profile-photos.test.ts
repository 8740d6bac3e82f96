import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, signedUpUser } from '../../support/api';
import {
  describeInBrowser,
  expectAccessible,
  focused,
  launchBrowser,
  newPerson,
  phoneWidth,
  signInThroughUi,
} from '../../support/browser';
import { addPhotoThroughUi, naturalWidth } from '../../support/directory';

interface Me {
  photos?: { photoId: string; url: string }[];
}

describeInBrowser('the web UI: photos in the directory profile editor', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a performer adds two photos, makes the second the main one and removes the first, from the keyboard', async () => {
    const name = 'Fay Photo';
    const performer = await signedUpUser('performer', { name, timeZone: 'Europe/London' });
    const photoIds = async () =>
      ((await api<Me>('GET', '/me', { token: performer.token })).body.photos ?? []).map((p) => p.photoId);

    const p = await newPerson(browser, { viewport: phoneWidth, timeZone: 'Europe/London' });
    await signInThroughUi(p.page, performer);
    await p.page.getByRole('link', { name: 'Profile' }).first().click();
    await p.page.getByRole('link', { name: 'Edit your directory profile' }).click();
    await p.page.getByRole('heading', { level: 1, name: 'Your directory profile' }).waitFor();
    await addPhotoThroughUi(p.page, '#2f6f4f');
    await addPhotoThroughUi(p.page, '#6f2f4f');
    const [first, second] = await photoIds();
    expect(second).toBeDefined();
    const photos = p.page.getByRole('group', { name: 'Photos', exact: true });
    await expect.poll(() => naturalWidth(photos.getByRole('img', { name: `Photo 2 of ${name}` }))).toBeGreaterThan(0);
    // The main photo has no "Make main" button; each button says which photo it acts on.
    expect(await photos.getByRole('button', { name: 'Make main (photo 1 (main))' }).count()).toBe(0);
    await expectAccessible(p.page, 'the directory profile editor with two photos');

    // From the keyboard: the second photo becomes the main one, and the preview card shows it.
    await photos.getByRole('button', { name: 'Make main (photo 2)' }).focus();
    await p.page.keyboard.press('Enter');
    await photos.getByText('That photo is your main photo now.').waitFor();
    expect(await photoIds()).toEqual([second, first]);
    const preview = p.page.getByRole('region', { name: 'Preview of your card' });
    expect(await preview.getByRole('img', { name: `Photo of ${name}` }).getAttribute('src')).toContain(second);
    // The keyboard carries on from the message, not from a button that moved.
    expect((await focused(p.page)).text).toBe('That photo is your main photo now.');

    // The first photo, now second, is removed.
    await photos.getByRole('button', { name: 'Remove (photo 2)' }).focus();
    await p.page.keyboard.press('Enter');
    await photos.getByText('The photo is removed.').waitFor();
    expect(await photoIds()).toEqual([second]);
    expect(await photos.getByRole('listitem').count()).toBe(1);
    expect(await preview.getByRole('img', { name: `Photo of ${name}` }).getAttribute('src')).toContain(second);
    expect(p.pageErrors).toEqual([]);
  }, 180_000);
});
