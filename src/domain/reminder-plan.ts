import { plannedReminder } from './reminder';
import type { ReminderMove, SignUpChange } from './sign-up-change';
import type { SignUpRecord } from './signup';
import { slotStartAtVenue } from './snapshots';

/**
 * Where a performer's reminder is (re-)planned: a new sign-up, a moved slot and a changed time zone all plan it
 * here; `reminder.ts` says when the reminder goes, this file says which sign-ups move between reminders.
 */

/**
 * The reminder instant (ISO) to plan for an audition as things stand at `now`, or undefined when none is sent.
 * @example reminderFor({ slotStart: '2027-03-28T10:00', venueTimeZone: 'Europe/London',
 *   performerTimeZone: 'Europe/London' }, now) // '2027-03-27T19:00:00.000Z'
 */
export function reminderFor(
  audition: { slotStart: string; venueTimeZone: string; performerTimeZone: string },
  now: Date,
): string | undefined {
  return plannedReminder({ ...audition, signedUpAt: now })?.toISOString();
}

type Planned = Pick<SignUpRecord, 'performanceId' | 'slotId' | 'reminderAt'>;

/**
 * The move between reminders from what `before` planned to what `after` plans: nothing when both plan the same.
 * @example reminderMove(signedUp, withdrawn) // { leave: { performanceId, slotId, instant: signedUp.reminderAt } }
 */
export function reminderMove(before: Planned | undefined, after: Planned | undefined): ReminderMove {
  if (before?.reminderAt === after?.reminderAt && before?.slotId === after?.slotId) return {};
  const at = (p: Planned | undefined) =>
    p?.reminderAt ? { performanceId: p.performanceId, slotId: p.slotId, instant: p.reminderAt } : undefined;
  const leave = at(before);
  const join = at(after);
  return { ...(leave ? { leave } : {}), ...(join ? { join } : {}) };
}

/**
 * A decision that plans a reminder, with its fallback planning none (see {@link SignUpChange.withoutReminder}).
 * @example planning(reminderAt, (at) => change(at)) // change(reminderAt) with withoutReminder: change(undefined)
 */
export function planning(
  reminderAt: string | undefined,
  decide: (reminderAt: string | undefined) => SignUpChange,
): SignUpChange {
  return reminderAt === undefined ? decide(undefined) : { ...decide(reminderAt), withoutReminder: decide(undefined) };
}

/**
 * After a performer moved to another time zone: each open sign-up still planned for another zone, re-planned for
 * 19:00 in the new one (or none, if that moment has passed). Repeating it after a partial save finishes the job.
 * @example replanReminders(mySignUps, 'Asia/Tokyo', now) // one change per open sign-up planned for another zone
 */
export function replanReminders(signUps: readonly SignUpRecord[], timeZone: string, now: Date): SignUpChange[] {
  return signUps
    .filter((record) => record.status === 'signed-up' && record.performer.timeZone !== timeZone)
    .map((record) => {
      const venueTimeZone = record.performance.venue.timeZone;
      const slotStart = slotStartAtVenue(record.slot, venueTimeZone);
      return planning(reminderFor({ slotStart, venueTimeZone, performerTimeZone: timeZone }, now), (reminderAt) => {
        const signUp: SignUpRecord = {
          ...record,
          performer: { ...record.performer, timeZone },
          reminderAt,
          updatedAt: now.toISOString(),
        };
        return { signUp, from: 'signed-up', reminder: reminderMove(record, signUp), notifications: [] };
      });
    });
}
