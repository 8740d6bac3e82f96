import type { Notification } from './notifications';
import type { AuditionSlot, Performance } from './performance';
import type { PerformanceStore } from './ports/performances';
import type { DueReminder, ReminderStore } from './ports/reminders';
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
 * What to do with a due reminder: send it to its performers (each in their own zone), or drop it.
 * @example dispatchReminder(due, performance, now) // { outcome: 'sent', notification: { kind: 'reminder', … } }
 */
export function dispatchReminder(
  reminder: DueReminder,
  performance: Performance | undefined,
  now: Date,
): ReminderDispatch {
  const slot = slotToRemindOf(reminder, performance, now);
  if (!slot || !performance) return { outcome: 'dropped' };
  return {
    outcome: 'sent',
    notification: {
      kind: 'reminder',
      instant: reminder.instant,
      to: reminder.recipients.map((p) => ({ name: p.name, email: p.email, timeZone: p.timeZone })),
      performance: performanceSnapshot(performance),
      slot: slotSnapshot(slot, performance.venue.timeZone),
    },
  };
}

export interface DispatchReport {
  readonly sent: number;
  readonly dropped: number;
  readonly recipients: number;
  /** Whether due reminders were left for the next run because this one's time was nearly up. */
  readonly unfinished: boolean;
}

const performerKey = (r: DueReminder, performerId: string) =>
  [r.performanceId, r.slotId, r.instant, performerId].join('|');

/**
 * Sends or drops every reminder due at `now`, one at a time, while `hasTime()` says there is time for another and
 * the database is not shedding load (`isBusy` of an error): what is left still waits in the store for the next run.
 * A performer the store still shows after their reminder was closed (an index lags a write by a moment) is not
 * sent to again in the same run.
 * @example await dispatchDueReminders(stores, now, () => context.getRemainingTimeInMillis() > 15_000, isThrottling)
 */
export async function dispatchDueReminders(
  stores: { readonly performances: Pick<PerformanceStore, 'readMany'>; readonly reminders: ReminderStore },
  now: Date,
  hasTime: () => boolean,
  isBusy: (error: unknown) => boolean = () => false,
): Promise<DispatchReport> {
  const report = { sent: 0, dropped: 0, recipients: 0, unfinished: false };
  try {
    await dispatchWhileTime(stores, now, hasTime, report);
    return report;
  } catch (error) {
    if (!isBusy(error)) throw error;
    return { ...report, unfinished: true };
  }
}

async function dispatchWhileTime(
  stores: { readonly performances: Pick<PerformanceStore, 'readMany'>; readonly reminders: ReminderStore },
  now: Date,
  hasTime: () => boolean,
  report: { sent: number; dropped: number; recipients: number; unfinished: boolean },
): Promise<void> {
  const done = new Set<string>();
  for (;;) {
    const due = (await stores.reminders.due(now))
      .map((r) => ({ ...r, recipients: r.recipients.filter((p) => !done.has(performerKey(r, p.performerId))) }))
      .filter((r) => r.recipients.length > 0);
    if (due.length === 0) return;
    for (const reminder of due) {
      if (!hasTime()) {
        report.unfinished = true;
        return;
      }
      // Read eventually consistent: the dispatch needs the slot and its start, which a moment's lag cannot change.
      const [performance] = await stores.performances.readMany([reminder.performanceId]);
      const decision = dispatchReminder(reminder, performance, now);
      await stores.reminders.close(reminder, decision, now);
      reminder.recipients.forEach((p) => done.add(performerKey(reminder, p.performerId)));
      report[decision.outcome] += 1;
      if (decision.outcome === 'sent') report.recipients += reminder.recipients.length;
    }
  }
}
