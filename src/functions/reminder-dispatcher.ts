import type { Context, ScheduledEvent } from 'aws-lambda';
import { config } from '../config';
import { readPerformance } from '../adapters/dynamodb/performance-store';
import { readProfiles } from '../adapters/dynamodb/profile-store';
import { outboxStep } from '../adapters/dynamodb/outbox';
import type { DueReminder } from '../adapters/dynamodb/reminder-store';
import { closeReminderStep, dueReminders, ReminderAlreadyClosedError } from '../adapters/dynamodb/reminder-store';
import { transact } from '../adapters/dynamodb/transactions';
import { NotFoundError } from '../domain/errors';
import { slotTimes } from '../domain/performance';
import { performanceSnapshot, slotSnapshot } from '../domain/snapshots';
import { logger } from './logger';

export interface DispatchReport {
  readonly sent: number;
  readonly dropped: number;
  readonly recipients: number;
}

async function dispatch(tableName: string, reminder: DueReminder, now: Date): Promise<'sent' | 'dropped' | 'skipped'> {
  const close = async (outcome: 'sent' | 'dropped', extra: Parameters<typeof transact>[0] = []) => {
    try {
      await transact([closeReminderStep(tableName, reminder, outcome, now), ...extra]);
      return outcome;
    } catch (error) {
      if (error instanceof ReminderAlreadyClosedError) return 'skipped';
      throw error;
    }
  };
  if (reminder.recipients.length === 0) return close('dropped');
  const state = await readPerformance(tableName, reminder.performanceId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  const slot = state?.performance.slots.find((s) => s.slotId === reminder.slotId);
  // Nothing to remind of: the performance or slot is gone, or the audition began (a run was missed that long).
  if (!state || !slot || slotTimes(slot, state.performance.venue.timeZone).start.getTime() <= now.getTime()) {
    return close('dropped');
  }
  const recipients = await readProfiles(tableName, reminder.recipients);
  return close('sent', [
    outboxStep(
      tableName,
      {
        kind: 'reminder',
        to: recipients.map((p) => ({ name: p.name, email: p.email, timeZone: p.timeZone })),
        performance: performanceSnapshot(state.performance),
        slot: slotSnapshot(slot, state.performance.venue.timeZone),
      },
      now,
    ),
  ]);
}

/**
 * Every quarter hour: sends each audition reminder that is due (one outbox record, hence one queue message, per
 * slot and reminder instant, listing all its performers), catching up on any missed runs. The conditional write
 * that takes a reminder out of the due index is what makes it go once, even if two runs overlap.
 */
export async function handler(event: ScheduledEvent, context: Context): Promise<DispatchReport> {
  logger.addContext(context);
  const { tableName } = config();
  const now = new Date(event.time);
  let sent = 0;
  let dropped = 0;
  let recipients = 0;
  for (;;) {
    const due = await dueReminders(tableName, now);
    if (due.length === 0) break;
    for (const reminder of due) {
      const outcome = await dispatch(tableName, reminder, now);
      if (outcome === 'sent') {
        sent += 1;
        recipients += reminder.recipients.length;
      }
      if (outcome === 'dropped') dropped += 1;
    }
  }
  logger.info('reminders dispatched', { at: event.time, sent, dropped, recipients });
  return { sent, dropped, recipients };
}
