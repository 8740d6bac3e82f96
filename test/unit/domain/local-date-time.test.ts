import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isCalendarDateTime } from '../../../src/domain/local-date-time';
import { localDateTime } from '../../../src/schemas/performance';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Readings around every edge: months and days one past either end, hour 24, minute and second 60. */
const reading = fc.record({
  year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2027, 2100, 2400)),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.integer({ min: 0, max: 32 }),
  hour: fc.oneof(fc.integer({ min: 0, max: 25 }), fc.constant(24)),
  minute: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(0)),
  second: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(0)),
});

// The check replaced luxon's validity in the schema and in zoned-time; it must agree with it reading for reading.
describe('isCalendarDateTime', () => {
  it("agrees with luxon's validity of the same wall-clock reading", () => {
    fc.assert(
      fc.property(reading, (clock) => {
        expect(isCalendarDateTime(clock)).toBe(DateTime.fromObject(clock, { zone: 'utc' }).isValid);
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts a date-time text exactly when luxon reads it as valid (years 2000–2099, as the schema allows)', () => {
    fc.assert(
      fc.property(reading, ({ year, month, day, hour, minute }) => {
        const text = `${pad(2000 + (year % 100), 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
        const luxonValid = DateTime.fromISO(text, { zone: 'UTC' }).isValid;
        expect(localDateTime.safeParse(text).success).toBe(luxonValid);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['2028-02-29T10:00', true],
    ['2027-02-29T10:00', false],
    ['2000-02-29T00:00', true],
    ['2027-04-31T10:00', false],
    ['2027-03-28T24:00', true],
    ['2027-03-28T24:01', false],
    ['2027-01-31T23:60', false],
  ])('%s is a real date and time: %s', (text, real) => {
    expect(localDateTime.safeParse(text).success).toBe(real);
  });
});
