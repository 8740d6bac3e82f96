import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ReminderInput } from '../../../src/domain/reminder';
import { auditionStart, plannedReminder, reminderInstant } from '../../../src/domain/reminder';
import { wallClockInstant } from '../../../src/domain/zoned-time';

// Every zone the runtime knows. None is excluded: a scan of all of them (every 6 hours, 2000–2040) found no
// offset that is not a multiple of 15 minutes in that range (the odd ones, such as Africa/Monrovia's −0:44:30
// until 1972 or local mean times, are all earlier).
const zones = Intl.supportedValuesOf('timeZone');
const from = Date.UTC(2000, 0, 3);
const to = Date.UTC(2040, 11, 28);
const minute = 60_000;
const localFormat = "yyyy-LL-dd'T'HH:mm";

function local(instant: Date | number, zone: string): string {
  const millis = typeof instant === 'number' ? instant : instant.getTime();
  return DateTime.fromMillis(millis, { zone }).toFormat(localFormat);
}

/** A slot whose start is the given instant, written as the venue's local time. */
function slotAt(instant: number, venueTimeZone: string, performerTimeZone: string): ReminderInput {
  return { slotStart: local(instant, venueTimeZone), venueTimeZone, performerTimeZone };
}

const hour = 3_600_000;
const transitionsCache = new Map<string, number[]>();
/** Instants (to the hour) at which the zone's offset changed during the year: weekly samples, then bisection. */
function transitions(zone: string, year: number): number[] {
  const key = `${zone} ${year}`;
  const cached = transitionsCache.get(key);
  if (cached) return cached;
  const iana = IANAZone.create(zone);
  const found: number[] = [];
  const week = 7 * 24 * hour;
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += week) {
    let [before, after] = [t, t + week];
    if (iana.offset(before) === iana.offset(after)) continue;
    while (after - before > hour) {
      const middle = before + Math.floor((after - before) / 2 / hour) * hour;
      if (iana.offset(middle) === iana.offset(before)) before = middle;
      else after = middle;
    }
    found.push(after);
  }
  transitionsCache.set(key, found);
  return found;
}

const zone = fc.constantFrom(...zones);
const anyInstant = fc.integer({ min: from, max: to }).map((t) => t - (t % (5 * minute)));

// Zones whose clocks changed in 2005 or 2027 (most DST zones, and those that dropped DST since), drawn more often.
const changingZones = zones.filter((z) => transitions(z, 2005).length > 0 || transitions(z, 2027).length > 0);

/** Auditions on, or one or two days after, a day on which the performer's clocks change. */
const nearTransition = fc
  .tuple(zone, fc.oneof(fc.constantFrom(...changingZones), zone), fc.integer({ min: 2000, max: 2040 }))
  .chain(([venue, performer, year]) => {
    const changes = transitions(performer, year);
    const base = changes.length > 0 ? fc.constantFrom(...changes) : anyInstant;
    return fc
      .tuple(base, fc.integer({ min: -1, max: 2 }), fc.integer({ min: 0, max: 24 * 4 - 1 }))
      .map(([change, days, quarter]) => {
        const day = DateTime.fromMillis(change, { zone: performer }).startOf('day').plus({ days });
        return slotAt(day.toMillis() + quarter * 15 * minute, venue, performer);
      });
  });
const anywhere = fc.tuple(anyInstant, zone, zone).map(([t, venue, performer]) => slotAt(t, venue, performer));

/** The rule, checked from the outside: the first moment the performer's clock reads 19:00 or later the day before. */
function expectEveningBefore(input: ReminderInput, reminder: Date) {
  const start = auditionStart(input);
  const auditionDay = DateTime.fromJSDate(start, { zone: input.performerTimeZone }).toISODate() as string;
  const dayBefore = DateTime.fromISO(auditionDay, { zone: 'utc' }).minus({ days: 1 }).toISODate();
  const target = `${dayBefore}T19:00`;
  expect(local(reminder, input.performerTimeZone) >= target).toBe(true);
  expect(local(reminder.getTime() - minute, input.performerTimeZone) < target).toBe(true);
  const exists = DateTime.fromISO(target, { zone: input.performerTimeZone }).toFormat(localFormat) === target;
  if (exists) expect(local(reminder, input.performerTimeZone)).toBe(target);
}

const reminderUtc = (input: ReminderInput) => reminderInstant(input).toISOString();

describe('reminderInstant (properties)', () => {
  const properties = (name: string, inputs: fc.Arbitrary<ReminderInput>, numRuns: number) => {
    it(`is 19:00 on the day before the audition's date in the performer's zone — ${name}`, () => {
      fc.assert(
        fc.property(inputs, (input) => expectEveningBefore(input, reminderInstant(input))),
        { numRuns },
      );
    });

    it(`falls on a UTC quarter hour — ${name}`, () => {
      fc.assert(
        fc.property(inputs, (input) => {
          const reminder = reminderInstant(input).getTime();
          expect(reminder % (15 * minute)).toBe(0);
        }),
        { numRuns },
      );
    });

    it(`is planned strictly before the audition, and only for sign-ups before it — ${name}`, () => {
      fc.assert(
        fc.property(inputs, (input) => {
          const start = auditionStart(input).getTime();
          const reminder = reminderInstant(input);
          const early = plannedReminder({ ...input, signedUpAt: new Date(Date.UTC(1990, 0, 1)) });
          if (early) expect(early.getTime()).toBeLessThan(start);
          if (reminder.getTime() < start) expect(early).toEqual(reminder);
          expect(plannedReminder({ ...input, signedUpAt: reminder })).toBeUndefined();
        }),
        { numRuns },
      );
    });
  };
  properties('any zones and dates 2000–2040', anywhere, 1500);
  properties('around the performer’s DST changes', nearTransition, 1500);
});

describe('reminderInstant (named cases)', () => {
  it('uses the performer’s date when they are far east of the venue (Auckland, venue in New York)', () => {
    // 10:00 EDT on 28 March is 03:00 NZDT on 29 March in Auckland: the reminder is 28 March, 19:00 NZDT.
    expect(
      reminderUtc({
        slotStart: '2027-03-28T10:00',
        venueTimeZone: 'America/New_York',
        performerTimeZone: 'Pacific/Auckland',
      }),
    ).toBe('2027-03-28T06:00:00.000Z');
    // 16:00 EDT on 4 April is 08:00 NZST on 5 April; NZ left DST early on the 4th, so 19:00 is at +12.
    expect(
      reminderUtc({
        slotStart: '2027-04-04T16:00',
        venueTimeZone: 'America/New_York',
        performerTimeZone: 'Pacific/Auckland',
      }),
    ).toBe('2027-04-04T07:00:00.000Z');
  });

  it('handles a +05:45 zone (Asia/Kathmandu)', () => {
    // 10:00 BST is 14:45 in Kathmandu; 19:00 on the 13th at +05:45 is 13:15 UTC.
    expect(
      reminderUtc({
        slotStart: '2027-06-14T10:00',
        venueTimeZone: 'Europe/London',
        performerTimeZone: 'Asia/Kathmandu',
      }),
    ).toBe('2027-06-13T13:15:00.000Z');
  });

  it('handles half-hour DST (Australia/Lord_Howe)', () => {
    const lordHowe = (slotStart: string) =>
      reminderUtc({ slotStart, venueTimeZone: 'Australia/Lord_Howe', performerTimeZone: 'Australia/Lord_Howe' });
    expect(lordHowe('2027-10-04T10:00')).toBe('2027-10-03T08:00:00.000Z'); // DST began that morning: +11
    expect(lordHowe('2027-04-05T10:00')).toBe('2027-04-04T08:30:00.000Z'); // DST ended that morning: +10:30
  });

  it.each([
    ['London, audition on the spring-forward day', 'Europe/London', '2027-03-28T10:00', '2027-03-27T19:00:00.000Z'],
    [
      'London, audition the Monday after spring-forward',
      'Europe/London',
      '2027-03-29T10:00',
      '2027-03-28T18:00:00.000Z',
    ],
    ['London, audition on the fall-back day', 'Europe/London', '2027-10-31T10:00', '2027-10-30T18:00:00.000Z'],
    ['London, audition the Monday after fall-back', 'Europe/London', '2027-11-01T10:00', '2027-10-31T19:00:00.000Z'],
    ['Chicago, audition on the spring-forward day', 'America/Chicago', '2027-03-14T09:00', '2027-03-14T01:00:00.000Z'],
    [
      'Chicago, audition the Monday after spring-forward',
      'America/Chicago',
      '2027-03-15T09:00',
      '2027-03-15T00:00:00.000Z',
    ],
    ['Chicago, audition on the fall-back day', 'America/Chicago', '2027-11-07T09:00', '2027-11-07T00:00:00.000Z'],
    ['Chicago, audition the Monday after fall-back', 'America/Chicago', '2027-11-08T09:00', '2027-11-08T01:00:00.000Z'],
  ])('%s', (_name, zoneName, slotStart, expected) => {
    expect(reminderUtc({ slotStart, venueTimeZone: zoneName, performerTimeZone: zoneName })).toBe(expected);
  });

  it('goes two evenings before the venue’s date for a performer west of an early-morning venue', () => {
    // 07:00 BST on Monday 14 June is 23:00 PDT on Sunday 13 June: the reminder is Saturday 12 June, 19:00 PDT.
    expect(
      reminderUtc({
        slotStart: '2027-06-14T07:00',
        venueTimeZone: 'Europe/London',
        performerTimeZone: 'America/Los_Angeles',
      }),
    ).toBe('2027-06-13T02:00:00.000Z');
    // 08:00 BST is exactly midnight in Los Angeles, already the 14th there: the reminder is the 13th.
    expect(
      reminderUtc({
        slotStart: '2027-06-14T08:00',
        venueTimeZone: 'Europe/London',
        performerTimeZone: 'America/Los_Angeles',
      }),
    ).toBe('2027-06-14T02:00:00.000Z');
  });

  it('uses the end of the gap when 19:00 never happened (Samoa skipped 30 December 2011)', () => {
    const input = { slotStart: '2011-12-31T10:00', venueTimeZone: 'Pacific/Apia', performerTimeZone: 'Pacific/Apia' };
    // The clocks went from 29 December 23:59:59 (−10) to 31 December 00:00 (+14): the first moment after 19:00 on
    // the 30th is 00:00 on the 31st, 10 hours before the audition.
    expect(reminderUtc(input)).toBe('2011-12-30T10:00:00.000Z');
    expect(plannedReminder({ ...input, signedUpAt: new Date('2011-12-01T00:00:00Z') })?.toISOString()).toBe(
      '2011-12-30T10:00:00.000Z',
    );
  });
});

describe('wall-clock times that happen twice or never', () => {
  it('takes the earlier of two 01:30s on the night the clocks go back', () => {
    expect(
      wallClockInstant({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, 'Europe/London').toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
    expect(auditionStart({ slotStart: '2026-10-25T01:30', venueTimeZone: 'Europe/London' }).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('takes the end of the gap for a time the clocks skip', () => {
    // 01:30 on 29 March 2026 does not exist in London: the clocks go from 01:00 GMT to 02:00 BST.
    expect(auditionStart({ slotStart: '2026-03-29T01:30', venueTimeZone: 'Europe/London' }).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('refuses what is not a local date-time in a known zone', () => {
    const base = { venueTimeZone: 'Europe/London', performerTimeZone: 'Europe/London' };
    expect(() => reminderInstant({ ...base, slotStart: 'tomorrow' })).toThrow(RangeError);
    expect(() => reminderInstant({ ...base, slotStart: '2027-02-30T10:00' })).toThrow(RangeError);
    expect(() => reminderInstant({ ...base, slotStart: '2027-03-28T10:00Z' })).toThrow(RangeError);
    expect(() => reminderInstant({ ...base, slotStart: '2027-03-28T10:00', performerTimeZone: 'Mars/Base' })).toThrow(
      RangeError,
    );
  });
});

describe('plannedReminder', () => {
  const input = { slotStart: '2027-03-29T10:00', venueTimeZone: 'Europe/London', performerTimeZone: 'Europe/London' };
  const reminder = new Date('2027-03-28T18:00:00Z'); // Sunday 28 March, 19:00 BST

  it('plans the reminder for a sign-up one minute before it', () => {
    expect(plannedReminder({ ...input, signedUpAt: new Date(reminder.getTime() - minute) })).toEqual(reminder);
  });

  it('plans none for a sign-up at or after the reminder instant (the confirmation stands in for it)', () => {
    expect(plannedReminder({ ...input, signedUpAt: reminder })).toBeUndefined();
    expect(plannedReminder({ ...input, signedUpAt: new Date(reminder.getTime() + minute) })).toBeUndefined();
  });
});
