import { DateTime, IANAZone } from 'luxon';

/**
 * When the evening-before reminder of an audition goes out. This file is the one place that decides it.
 *
 * The rule (design §1, Notifications 3): the audition's calendar date is taken in the performer's own zone, and
 * the reminder goes at 19:00 on the day before that date, in that zone.
 *
 * Wall-clock times that do not exist once (daylight saving) follow one rule, for the venue's slot start and for
 * the performer's 19:00 alike: **the instant is the first moment the zone's clocks read that time or later.**
 * - Fall-back overlap (the time happens twice): the earlier of the two.
 * - Spring-forward gap (the time never happens): the end of the gap, when the clocks jump past it. This is
 *   only seen at 19:00 when a whole day is skipped (Pacific/Apia and Pacific/Fakaofo skipped 30 December 2011).
 * Luxon's own choice differs (it picks the later instant in an overlap and shifts by the gap's length), so it
 * is not used for the conversion.
 */

/** The local hour at which the reminder is sent, in the performer's zone. */
export const reminderHour = 19;

/** A local date-time at a venue, `YYYY-MM-DDTHH:mm` (seconds allowed), with no offset: the zone says where. */
export type LocalDateTime = string;

export interface ReminderInput {
  /** The slot's start, local at the venue, e.g. `'2027-03-28T10:00'`. */
  readonly slotStart: LocalDateTime;
  /** The venue's IANA zone, e.g. `'Europe/London'`. */
  readonly venueTimeZone: string;
  /** The performer's IANA zone, e.g. `'America/Los_Angeles'`. */
  readonly performerTimeZone: string;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second?: number;
}

const minute = 60_000;
const hour = 60 * minute;
const localDateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function zoneNamed(name: string): IANAZone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw new RangeError(`Not an IANA time zone: ${name}`);
  return zone;
}

/** The wall-clock reading as if it were UTC, in milliseconds: a number that orders local times. */
function wallMillis(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second ?? 0);
}

/**
 * The first instant at which the zone's clocks read the given local time or later (see the rule above).
 *
 * @example wallClockInstant({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, 'Europe/London')
 *   // 2026-10-25T00:30:00Z — 01:30 BST, the first of the two 01:30s that night
 */
export function wallClockInstant(clock: WallClock, timeZone: string): Date {
  return new Date(placed(clock, timeZone).instant);
}

/** A stretch of local time that the clocks skip, `from` (inclusive) to `to` (exclusive), as `YYYY-MM-DDTHH:mm`. */
export interface LocalTimeGap {
  readonly from: LocalDateTime;
  readonly to: LocalDateTime;
}

/**
 * The gap the local time falls in, when the zone's clocks jump past it (spring forward), or undefined when the
 * clocks read it at least once. Input with a time in a gap is refused rather than moved (`buildPerformance`).
 *
 * @example localTimeGap({ year: 2027, month: 3, day: 14, hour: 2, minute: 45 }, 'America/Denver')
 *   // { from: '2027-03-14T02:00', to: '2027-03-14T03:00' }
 */
export function localTimeGap(clock: WallClock, timeZone: string): LocalTimeGap | undefined {
  return placed(clock, timeZone).gap;
}

const wallText = (wall: number) => new Date(wall).toISOString().slice(0, 16);

function placed(clock: WallClock, timeZone: string): { instant: number; gap?: LocalTimeGap } {
  const zone = zoneNamed(timeZone);
  const target = wallMillis(clock);
  const wallAt = (instant: number) => instant + zone.offset(instant) * minute;
  // Every offset in force within a day either side; the instant we want is the target minus one of them,
  // unless the target falls in a gap. (Offsets lie between −12 h and +14 h, so ±26 h covers every candidate.)
  const offsets = new Set([-26, -14, -12, 0, 12, 14, 26].map((h) => zone.offset(target + h * hour)));
  const candidates = [...offsets].map((offset) => target - offset * minute).sort((a, b) => a - b);
  const exact = candidates.find((instant) => wallAt(instant) === target);
  if (exact !== undefined) return { instant: exact };
  // In a gap: search for the moment the clocks jump past the target (wall time only rises across a gap).
  let before = candidates[0] as number;
  let after = candidates[candidates.length - 1] as number;
  if (!(wallAt(before) < target && wallAt(after) > target)) {
    throw new RangeError(`Cannot place ${new Date(target).toISOString().slice(0, 19)} in ${timeZone}`);
  }
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (wallAt(middle) >= target) after = middle;
    else before = middle;
  }
  // `after` is the jump itself: the clocks read just under the gap's start a millisecond before, its end at it.
  return { instant: after, gap: { from: wallText(wallAt(after - 1) + 1), to: wallText(wallAt(after)) } };
}

/**
 * Reads a venue-local date-time such as `'2027-03-28T10:00'`; refuses offsets and impossible dates.
 * @example parseLocalDateTime('2027-03-28T10:00') // { year: 2027, month: 3, day: 28, hour: 10, minute: 0, second: 0 }
 */
export function parseLocalDateTime(local: LocalDateTime): WallClock {
  const match = localDateTimePattern.exec(local);
  if (match) {
    const [year, month, day, hourOfDay, minuteOfHour, second] = match.slice(1).map((part) => Number(part ?? 0));
    const clock = { year: year!, month: month!, day: day!, hour: hourOfDay!, minute: minuteOfHour!, second: second! };
    if (DateTime.fromObject(clock, { zone: 'utc' }).isValid) return clock;
  }
  throw new RangeError(`Not a local date-time (YYYY-MM-DDTHH:mm): ${local}`);
}

/**
 * The absolute start of an audition slot: its local start at the venue, placed in the venue's zone.
 *
 * @example auditionStart({ slotStart: '2027-03-28T10:00', venueTimeZone: 'Europe/London' })
 *   // 2027-03-28T09:00:00Z (10:00 BST)
 */
export function auditionStart(input: Pick<ReminderInput, 'slotStart' | 'venueTimeZone'>): Date {
  return wallClockInstant(parseLocalDateTime(input.slotStart), input.venueTimeZone);
}

/**
 * The reminder instant: 19:00, in the performer's zone, on the day before the audition's date in that zone.
 *
 * @example
 * // 07:00 BST in London is 23:00 PDT the evening before in Los Angeles: the audition is on 13 June there.
 * reminderInstant({ slotStart: '2027-06-14T07:00', venueTimeZone: 'Europe/London',
 *   performerTimeZone: 'America/Los_Angeles' }) // 2027-06-13T02:00:00Z (12 June, 19:00 PDT)
 */
export function reminderInstant(input: ReminderInput): Date {
  const start = auditionStart(input);
  const performerZone = zoneNamed(input.performerTimeZone);
  const dateThere = DateTime.fromJSDate(start, { zone: performerZone });
  // Calendar arithmetic on the bare date, so a DST change that day cannot move it.
  const dayBefore = new Date(Date.UTC(dateThere.year, dateThere.month - 1, dateThere.day - 1));
  return wallClockInstant(
    {
      year: dayBefore.getUTCFullYear(),
      month: dayBefore.getUTCMonth() + 1,
      day: dayBefore.getUTCDate(),
      hour: reminderHour,
      minute: 0,
    },
    input.performerTimeZone,
  );
}

/**
 * The reminder to plan for a sign-up, or undefined when none is sent: the performer signed up at or after
 * the reminder instant (the confirmation stands in for it), or the reminder would not be before the audition.
 *
 * @example
 * plannedReminder({ slotStart: '2027-03-28T10:00', venueTimeZone: 'Europe/London',
 *   performerTimeZone: 'Europe/London', signedUpAt: new Date('2027-03-27T19:30:00Z') }) // undefined: after 19:00 GMT on the 27th
 */
export function plannedReminder(input: ReminderInput & { readonly signedUpAt: Date }): Date | undefined {
  const reminder = reminderInstant(input);
  if (input.signedUpAt.getTime() >= reminder.getTime()) return undefined;
  if (reminder.getTime() >= auditionStart(input).getTime()) return undefined;
  return reminder;
}
