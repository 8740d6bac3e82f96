import type { Notification, Recipient } from './notifications';
import type { AuditionSlot, Performance } from './performance';
import type { DueReminder } from './ports/reminders';
import { auditionBegun } from './signup';
import { performanceSnapshot, slotSnapshot } from './snapshots';

/** What becomes of a due reminder: sent (one notification listing all its performers) or dropped. */
export type ReminderDispatch =
  { readonly outcome: 'dropped' } | { readonly outcome: 'sent'; readonly notification: Notification };

/**
 * The slot a due reminder still reminds of, or undefined when there is nothing to remind of: no performer is
 * left on it, the performance or slot is gone, or the audition began (a run was missed that long).
 */
export function slotToRemindOf(
  reminder: DueReminder,
  performance: Performance | undefined,
  now: Date,
): AuditionSlot | undefined {
  if (reminder.recipients.length === 0 || !performance) return undefined;
  const slot = performance.slots.find((s) => s.slotId === reminder.slotId);
  return slot && !auditionBegun(slot, performance.venue.timeZone, now) ? slot : undefined;
}

/**
 * What to do with a due reminder: send it to its performers (as `readers`, with their zones), or drop it.
 * @example dispatchReminder(due, performance, readers, now) // { outcome: 'sent', notification: { kind: 'reminder', … } }
 */
export function dispatchReminder(
  reminder: DueReminder,
  performance: Performance | undefined,
  readers: readonly Recipient[],
  now: Date,
): ReminderDispatch {
  const slot = slotToRemindOf(reminder, performance, now);
  if (!slot || !performance) return { outcome: 'dropped' };
  return {
    outcome: 'sent',
    notification: {
      kind: 'reminder',
      to: readers.map((p) => ({ name: p.name, email: p.email, timeZone: p.timeZone })),
      performance: performanceSnapshot(performance),
      slot: slotSnapshot(slot, performance.venue.timeZone),
    },
  };
}
