import { describe, expect, it } from 'vitest';
import { countryCode } from '../../../src/schemas/performance';

describe('countryCode', () => {
  it.each(['true', 'null', 'constructor', 'gb', 'G', 'GBR', '', '\uD800', 'ÆØ'])(
    'refuses %j without throwing',
    (value) => {
      expect(countryCode.safeParse(value).success).toBe(false);
    },
  );

  it('takes a known ISO 3166-1 alpha-2 code and refuses an unknown one', () => {
    expect(countryCode.safeParse('GB').success).toBe(true);
    expect(countryCode.safeParse('QQ').success).toBe(false);
  });
});
