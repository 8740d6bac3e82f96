import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DueReminder, ReminderStore } from '../../domain/ports/reminders';
import type { ReminderDispatch } from '../../domain/reminder-dispatch';
import type { ReminderRef } from '../../domain/sign-up-change';
import { documentClient } from './document-client';
import { indexKeys, indexPartitions, keys } from './keys';
import { outboxStep } from './outbox';
import type { TransactionStep } from './transactions';
import { transact } from './transactions';

export type { DueReminder } from '../../domain/ports/reminders';

/*
 * One audition reminder item holds the performers of one slot who are due a reminder at one instant. It stays in
 * the due index (gsi3) until the dispatcher sends it; the dispatcher's conditional write takes it out, so it goes
 * once.
 */

/**
 * The step that adds a performer to the reminder of their slot at their instant (creating it if needed). It fails
 * with `ReminderAlreadyClosedError` if that reminder was sent already (the sign-up store then saves the decision's
 * `withoutReminder`).
 */
export function joinReminderStep(tableName: string, reminder: ReminderRef, performerId: string): TransactionStep {
  return {
    onConditionFailed: () => new ReminderAlreadyClosedError(`${reminder.slotId} at ${reminder.instant}`),
    write: {
      Update: {
        TableName: tableName,
        Key: keys.reminder(reminder.performanceId, reminder.slotId, reminder.instant),
        UpdateExpression:
          'ADD recipients :me SET #type = :type, performanceId = :performance, slotId = :slot, instant = :instant, gsi3pk = :gsi3pk, gsi3sk = :gsi3sk',
        ConditionExpression: 'attribute_not_exists(sentAt)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':me': new Set([performerId]),
          ':type': 'Reminder',
          ':performance': reminder.performanceId,
          ':slot': reminder.slotId,
          ':instant': reminder.instant,
          ...Object.fromEntries(
            Object.entries(indexKeys.dueReminder(reminder.instant, reminder.performanceId, reminder.slotId)).map(
              ([k, v]) => [`:${k}`, v],
            ),
          ),
        },
      },
    },
  };
}

/** The step that takes a performer off a reminder (withdrawn, cancelled, moved or re-planned). */
export function leaveReminderStep(tableName: string, reminder: ReminderRef, performerId: string): TransactionStep {
  return {
    write: {
      Update: {
        TableName: tableName,
        Key: keys.reminder(reminder.performanceId, reminder.slotId, reminder.instant),
        UpdateExpression: 'DELETE recipients :me',
        ExpressionAttributeValues: { ':me': new Set([performerId]) },
      },
    },
  };
}

/** The reminder was sent or dropped already: by another dispatcher run, or before a performer could join it. */
export class ReminderAlreadyClosedError extends Error {
  override readonly name = 'ReminderAlreadyClosedError';
}

/** Reminders due at or before `now`, oldest first, from the due index (never a Scan). */
async function dueReminders(tableName: string, now: Date, limit = 100): Promise<DueReminder[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :reminder AND gsi3sk <= :now',
      ExpressionAttributeValues: { ':reminder': indexPartitions.dueReminders, ':now': `${now.toISOString()}#~` },
      Limit: limit,
    }),
  );
  return Items.map((item) => ({
    performanceId: String(item.performanceId),
    slotId: String(item.slotId),
    instant: String(item.instant),
    recipients: [...((item.recipients as Set<string> | undefined) ?? [])],
  }));
}

/**
 * The step that takes a reminder out of the due index, only if it is still there: of two dispatchers racing for
 * it, one wins and the other's transaction is cancelled, so one message is published.
 */
function closeReminderStep(
  tableName: string,
  reminder: DueReminder,
  outcome: 'sent' | 'dropped',
  now: Date,
): TransactionStep {
  return {
    onConditionFailed: () => new ReminderAlreadyClosedError(`${reminder.slotId} at ${reminder.instant}`),
    write: {
      Update: {
        TableName: tableName,
        Key: keys.reminder(reminder.performanceId, reminder.slotId, reminder.instant),
        UpdateExpression: 'SET sentAt = :now, outcome = :outcome, expiresAt = :expires REMOVE gsi3pk, gsi3sk',
        ConditionExpression: 'attribute_exists(gsi3pk)',
        ExpressionAttributeValues: {
          ':now': now.toISOString(),
          ':outcome': outcome,
          ':expires': Math.floor(now.getTime() / 1000) + 30 * 24 * 3600,
        },
      },
    },
  };
}

async function close(
  tableName: string,
  reminder: DueReminder,
  dispatch: ReminderDispatch,
  now: Date,
): Promise<'closed' | 'closed-already'> {
  const notify = dispatch.outcome === 'sent' ? [outboxStep(tableName, dispatch.notification, now)] : [];
  try {
    await transact([closeReminderStep(tableName, reminder, dispatch.outcome, now), ...notify]);
    return 'closed';
  } catch (error) {
    if (error instanceof ReminderAlreadyClosedError) return 'closed-already';
    throw error;
  }
}

/** The reminders of the table: one item per slot and instant, due ones in gsi3 until closed. */
export function dynamoReminderStore(tableName: string): ReminderStore {
  return {
    due: (now, limit) => dueReminders(tableName, now, limit),
    close: (reminder, dispatch, now) => close(tableName, reminder, dispatch, now),
  };
}
