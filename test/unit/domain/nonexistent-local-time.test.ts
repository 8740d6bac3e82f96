import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { NonexistentLocalTimeError } from '../../../src/domain/errors';
import { buildPerformance } from '../../../src/domain/performance';
import { localTimeGap, parseLocalDateTime, wallClockInstant } from '../../../src/domain/zoned-time';
import { performanceInput } from '../../../src/schemas/performance';

const input = (zone: string, slotStart: string, dates = ['2027-06-01T19:30']) =>
  performanceInput.parse({
    title: 'Hamlet',
    kind: 'live',
    director: { name: 'Ann', email: 'ann@example.com', phone: '+442071838750' },
    castingDirector: { name: 'Cas', email: 'cas@example.com', phone: '+442071838751' },
    venue: { name: 'Hall', address: '1 Main St', city: 'Denver', country: 'US', timeZone: zone },
    dates,
    characters: [{ name: 'Hamlet' }],
    slots: [
      { start: '2027-03-13T10:00', durationMinutes: 30, capacity: 3 },
      { start: slotStart, durationMinutes: 30, capacity: 3 },
    ],
  });

const context = { performanceId: 'p1', ownerId: 'u1', now: new Date('2026-11-24T12:00:00Z'), newId: () => 'id' };

describe('local times that do not exist', () => {
  it('refuses a slot inside the spring-forward gap, naming the gap and the field', () => {
    let thrown: unknown;
    try {
      buildPerformance(input('America/Denver', '2027-03-14T02:45'), context);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NonexistentLocalTimeError);
    const error = thrown as NonexistentLocalTimeError;
    expect(error.message).toBe(
      '2027-03-14T02:45 does not exist in America/Denver: 02:00–03:00 on 2027-03-14 is skipped; clocks go forward.',
    );
    expect(error.issues).toEqual([{ path: 'body.slots.1.start', message: expect.stringMatching(/02:00–03:00/) }]);
  });

  it('refuses a performance date inside a gap too', () => {
    expect(() => buildPerformance(input('Europe/London', '2027-06-01T10:00', ['2027-03-28T01:30']), context)).toThrow(
      /01:00–02:00 on 2027-03-28/,
    );
  });

  it('accepts the edges of the gap and times that occur twice (the earlier one is meant)', () => {
    expect(() => buildPerformance(input('America/Denver', '2027-03-14T01:59'), context)).not.toThrow();
    expect(() => buildPerformance(input('America/Denver', '2027-03-14T03:00'), context)).not.toThrow();
    expect(localTimeGap(parseLocalDateTime('2027-11-07T01:30'), 'America/Denver')).toBeUndefined();
    expect(wallClockInstant(parseLocalDateTime('2027-11-07T01:30'), 'America/Denver').toISOString()).toBe(
      '2027-11-07T07:30:00.000Z', // 01:30 MDT, the first of the two
    );
  });

  it('every accepted local time round-trips, and every refused one is inside a gap', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 2000, max: 2040 }),
        fc.constantFrom(3, 4, 9, 10, 11, 1, 6),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        (zone, year, month, day, hour, minute) => {
          const clock = { year, month, day, hour, minute };
          const gap = localTimeGap(clock, zone);
          const back = DateTime.fromJSDate(wallClockInstant(clock, zone), { zone });
          const reads = [back.year, back.month, back.day, back.hour, back.minute];
          if (gap === undefined) expect(reads).toEqual([year, month, day, hour, minute]);
          else {
            expect(reads).not.toEqual([year, month, day, hour, minute]);
            const at = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
            expect(gap.from <= at && at < gap.to, `${at} in ${gap.from}–${gap.to}`).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds the gaps of a zone’s spring-forward night', () => {
    expect(localTimeGap(parseLocalDateTime('2027-03-14T02:00'), 'America/Denver')).toEqual({
      from: '2027-03-14T02:00',
      to: '2027-03-14T03:00',
    });
    expect(localTimeGap(parseLocalDateTime('2011-12-30T12:00'), 'Pacific/Apia')).toEqual({
      from: '2011-12-30T00:00',
      to: '2011-12-31T00:00',
    });
  });
});
