import { ServiceUnavailableError } from './errors';
import type { SignUpStore } from './ports/sign-ups';
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
 * One open sign-up still planned for another zone, re-planned for 19:00 in `timeZone` (or none, if that moment has
 * passed); undefined when there is nothing to re-plan. Saved only while the sign-up is as read (`unchangedSince`):
 * the change writes back the whole sign-up, so one read before a slot move was saved would put the old slot back.
 * @example replanReminder(mine, 'Asia/Tokyo', now)?.signUp.reminderAt // 19:00 in Tokyo the evening before
 */
export function replanReminder(record: SignUpRecord, timeZone: string, now: Date): SignUpChange | undefined {
  if (record.status !== 'signed-up' || record.performer.timeZone === timeZone) return undefined;
  const venueTimeZone = record.performance.venue.timeZone;
  const slotStart = slotStartAtVenue(record.slot, venueTimeZone);
  const signUp: SignUpRecord = {
    ...record,
    performer: { ...record.performer, timeZone },
    reminderAt: reminderFor({ slotStart, venueTimeZone, performerTimeZone: timeZone }, now),
    updatedAt: now.toISOString(),
  };
  return { signUp, from: 'signed-up', unchangedSince: record.updatedAt, notifications: [] };
}

/**
 * After a performer moved to another time zone: each open sign-up still planned for another zone, re-planned for
 * 19:00 in the new one (or none, if that moment has passed). Repeating it after a partial save finishes the job.
 * @example replanReminders(mySignUps, 'Asia/Tokyo', now) // one change per open sign-up planned for another zone
 */
export function replanReminders(signUps: readonly SignUpRecord[], timeZone: string, now: Date): SignUpChange[] {
  return signUps.flatMap((record) => replanReminder(record, timeZone, now) ?? []);
}

/** How many times one sign-up is re-planned and saved before the zone change gives up on it. */
export const replanAttempts = 3;

/**
 * Saves the reminders of a performer who moved to `timeZone`, re-planned from `mine` (their sign-ups as listed,
 * which may be a moment old). Each is saved only while its sign-up is as listed; one changed meanwhile (a slot move
 * saved by its performance's follow-up, a withdrawal) is read again, consistently, and re-planned from what it is
 * now, so neither the other change nor the new zone is lost. After `replanAttempts` tries on one sign-up it throws
 * `ServiceUnavailableError` (the others are saved first): the profile has the new zone, and the same request
 * again re-plans only what is left.
 * @example await saveReplannedReminders(stores.signUps, await stores.signUps.listOfPerformer(me), 'Asia/Tokyo', now)
 */
export async function saveReplannedReminders(
  store: Pick<SignUpStore, 'find' | 'saveUnlessMovedOn'>,
  mine: readonly SignUpRecord[],
  timeZone: string,
  now: Date,
): Promise<void> {
  let unsaved = 0;
  for (const first of replanReminders(mine, timeZone, now)) {
    let change: SignUpChange | undefined = first;
    for (let attempt = 1; change; attempt++) {
      if (await store.saveUnlessMovedOn(change)) break;
      if (attempt >= replanAttempts) {
        unsaved += 1;
        break;
      }
      const { performanceId, performerId } = change.signUp;
      const current = await store.find(performanceId, performerId);
      change = current && replanReminder(current, timeZone, now);
    }
  }
  if (unsaved) {
    throw new ServiceUnavailableError(`${unsaved} sign-ups kept changing while their reminders were re-planned.`, 1);
  }
}
