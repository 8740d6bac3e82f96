import { plannedReminder } from './reminder';
import type { SignUpChange } from './sign-up-change';
import type { SignUpRecord } from './signup';
import { slotStartAtVenue } from './snapshots';

/**
 * Where a performer's reminder is (re-)planned: a new sign-up, a moved slot and a changed time zone all plan it
 * here; `reminder.ts` says when the reminder goes. A sign-up waits for its reminder while it is signed up with a
 * `reminderAt`; a reminder planned at an instant the dispatcher has passed goes with its next run, unless the
 * audition has begun by then.
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
      const signUp: SignUpRecord = {
        ...record,
        performer: { ...record.performer, timeZone },
        reminderAt: reminderFor({ slotStart, venueTimeZone, performerTimeZone: timeZone }, now),
        updatedAt: now.toISOString(),
      };
      return { signUp, from: 'signed-up', notifications: [] };
    });
}
