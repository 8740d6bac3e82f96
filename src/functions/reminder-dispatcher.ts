import type { Context, ScheduledEvent } from 'aws-lambda';
import type { DueReminder } from '../domain/ports/reminders';
import { dispatchReminder, slotToRemindOf } from '../domain/reminder-dispatch';
import { unlessNotFound } from './context';
import { logger } from './logger';
import type { Stores } from './stores';
import { stores } from './stores';

export interface DispatchReport {
  readonly sent: number;
  readonly dropped: number;
  readonly recipients: number;
}

/** Loads what the dispatch needs (only what it can use), decides, and closes the reminder as decided. */
async function dispatch({ performances, profiles, reminders }: Stores, reminder: DueReminder, now: Date) {
  const state = reminder.recipients.length
    ? await unlessNotFound(performances.read(reminder.performanceId))
    : undefined;
  const due = slotToRemindOf(reminder, state?.performance, now);
  const readers = due ? await profiles.readMany(reminder.recipients) : [];
  const decision = dispatchReminder(reminder, state?.performance, readers, now);
  return (await reminders.close(reminder, decision, now)) === 'closed' ? decision.outcome : 'skipped';
}

/**
 * Every quarter hour: sends each audition reminder that is due (one outbox record, hence one queue message, per
 * slot and reminder instant, listing all its performers), catching up on any missed runs. The conditional write
 * that takes a reminder out of the due index is what makes it go once, even if two runs overlap.
 */
export async function handler(event: ScheduledEvent, context: Context): Promise<DispatchReport> {
  logger.addContext(context);
  const now = new Date(event.time);
  const report = { sent: 0, dropped: 0, recipients: 0 };
  const store = stores();
  for (let due = await store.reminders.due(now); due.length > 0; due = await store.reminders.due(now)) {
    for (const reminder of due) {
      const outcome = await dispatch(store, reminder, now);
      if (outcome === 'sent') report.recipients += reminder.recipients.length;
      if (outcome !== 'skipped') report[outcome] += 1;
    }
  }
  logger.info('reminders dispatched', { at: event.time, ...report });
  return report;
}
