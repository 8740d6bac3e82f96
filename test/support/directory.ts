import type { Page } from 'playwright-core';
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
