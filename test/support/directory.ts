import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * A word no other test's performer has in their bio, so a keyword search finds only this test's performers.
 *
 * @example marker('barrytone') // 'barrytonem4k2x9a1'
 */
export const marker = (prefix: string) => `${prefix}${Date.now().toString(36)}`;

/**
 * On the talent search page with its filters filled in: searches again until the results show a link named
 * `name` (the directory index follows profile changes from a stream, so a new listing takes a moment).
 *
 * @example await searchUntilFound(page, 'Barry Tone barrytonem4k2x9a1')
 */
export async function searchUntilFound(page: Page, name: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        await page.getByRole('heading', { level: 2, name: 'Performers' }).waitFor();
        await page.getByText('Searching…').waitFor({ state: 'hidden' });
        return page.getByRole('link', { name, exact: true }).count();
      },
      { timeout: 20_000, interval: 300 },
    )
    .toBe(1);
}

/**
 * A small headshot-shaped PNG drawn by the page's own canvas, as the bytes of a file to choose in a file input
 * (written as a string: these tests compile without the DOM library).
 *
 * @example await input.setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: await generatedPng(page, '#2f6f4f') })
 */
export async function generatedPng(page: Page, colour: string): Promise<Buffer> {
  const base64 = await page.evaluate<string>(
    `(() => { const c = document.createElement('canvas'); c.width = 240; c.height = 300;
      const g = c.getContext('2d'); g.fillStyle = ${JSON.stringify(colour)}; g.fillRect(0, 0, 240, 300);
      g.fillStyle = '#fff'; g.fillRect(80, 60, 80, 100);
      return c.toDataURL('image/png').split(',')[1]; })()`,
  );
  return Buffer.from(base64, 'base64');
}

/**
 * The width the browser decoded an <img> at: 0 until (unless) its URL served an image.
 *
 * @example await expect.poll(() => naturalWidth(card.getByRole('img'))).toBeGreaterThan(0)
 */
export const naturalWidth = (img: Locator) =>
  img.evaluate((e) => (e as unknown as { naturalWidth: number }).naturalWidth);

/**
 * In the directory profile editor: chooses a generated PNG in "Add a photo" and waits until the photos show one
 * more, failing with the editor's own message if the upload is refused on the way.
 *
 * @example await addPhotoThroughUi(page, '#2f6f4f')
 */
export async function addPhotoThroughUi(page: Page, colour: string): Promise<void> {
  const photos = page.getByRole('group', { name: 'Photos', exact: true });
  const shown = photos.getByRole('listitem');
  const before = await shown.count();
  const failure = photos.getByRole('alert');
  await page.getByLabel('Add a photo').setInputFiles({
    name: 'headshot.png',
    mimeType: 'image/png',
    buffer: await generatedPng(page, colour),
  });
  await shown.nth(before).or(failure).waitFor({ timeout: 30_000 }); // shrinking, uploading and confirming, on a busy machine
  expect(await failure.count(), (await failure.allTextContents()).join()).toBe(0);
}

/**
 * A signed-in director's search of the example from the navigation: "Find performers", then the keyword
 * (a test's marker word), a baritone aged 30–40 who sings, in London, GB; searching again until `name` shows.
 *
 * @example await searchForLondonBaritone(page, word, `Barry Tone ${word}`)
 */
export async function searchForLondonBaritone(page: Page, keyword: string, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Find performers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Find performers' }).waitFor();
  await page.getByLabel('Keywords').fill(keyword);
  await page.getByLabel('Playing age from').fill('30');
  await page.getByLabel('Playing age to').fill('40');
  await page.getByLabel('Voice type').selectOption('baritone');
  await page.getByLabel('Skills').fill('singing');
  await page.getByLabel('City').fill('London');
  await page.getByLabel('Country').selectOption('GB');
  await searchUntilFound(page, name);
}
