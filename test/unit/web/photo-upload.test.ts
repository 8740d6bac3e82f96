import { describe, expect, it } from 'vitest';
import { longestSide, shrunkSize } from '../../../web/src/forms/photo-size';

describe('shrinking a photo in the browser', () => {
  it('brings the longest side down to 1600 pixels, keeping the proportions', () => {
    expect(shrunkSize(4000, 3000)).toEqual({ width: longestSide, height: 1200 });
    expect(shrunkSize(3000, 4500)).toEqual({ width: 1067, height: longestSide });
  });

  it('never enlarges a small photo', () => {
    expect(shrunkSize(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
