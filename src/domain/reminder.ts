import { DateTime } from 'luxon';
import type { LocalDateTime } from './zoned-time';
import { parseLocalDateTime, wallClockInstant, zoneNamed } from './zoned-time';

export type { LocalDateTime } from './zoned-time';

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

export interface ReminderInput {
  /** The slot's start, local at the venue, e.g. `'2027-03-28T10:00'`. */
  readonly slotStart: LocalDateTime;
  /** The venue's IANA zone, e.g. `'Europe/London'`. */
  readonly venueTimeZone: string;
  /** The performer's IANA zone, e.g. `'America/Los_Angeles'`. */
  readonly performerTimeZone: string;
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
