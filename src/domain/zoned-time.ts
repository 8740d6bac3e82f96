import { IANAZone } from 'luxon';
import type { WallClock } from './local-date-time';
import { isCalendarDateTime } from './local-date-time';

/**
 * Wall clock in a zone ⇄ instant: the one place that turns a local date-time at a place into an absolute
 * instant, with the one rule for the times daylight saving skips or repeats. Slot starts, performance dates and
 * the reminder's 19:00 all go through it.
 *
 * The rule: **the instant is the first moment the zone's clocks read that time or later.**
 * - Fall-back overlap (the time happens twice): the earlier of the two.
 * - Spring-forward gap (the time never happens): the end of the gap, when the clocks jump past it.
 * Luxon's own choice differs (it picks the later instant in an overlap and shifts by the gap's length), so it
 * is not used for the conversion.
 */

/** A local date-time at a venue, `YYYY-MM-DDTHH:mm` (seconds allowed), with no offset: the zone says where. */
export type LocalDateTime = string;

export type { WallClock } from './local-date-time';

const minute = 60_000;
const hour = 60 * minute;
const localDateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The luxon zone of an IANA name; throws a RangeError for a name that is not one. */
export function zoneNamed(name: string): IANAZone {
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
    if (isCalendarDateTime(clock)) return clock;
  }
  throw new RangeError(`Not a local date-time (YYYY-MM-DDTHH:mm): ${local}`);
}
