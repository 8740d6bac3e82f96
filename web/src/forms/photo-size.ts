/** The longest side a photo keeps, in pixels, when the browser shrinks it before upload. */
export const longestSide = 1600;

/**
 * The size a photo is drawn at: its longest side at most `longestSide`, never enlarged.
 *
 * @example shrunkSize(4000, 3000) // { width: 1600, height: 1200 }
 */
export function shrunkSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, longestSide / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
