import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './document-client';
import { indexKeys, keys } from './keys';
import type { TransactionStep } from './transactions';

/**
 * One audition reminder: the performers of one slot who are due a reminder at one instant. It stays in the due
 * index (gsi3) until the dispatcher sends it; the dispatcher's conditional write takes it out, so it goes once.
 */
export interface DueReminder {
  readonly performanceId: string;
  readonly slotId: string;
  /** ISO instant. */
  readonly instant: string;
  readonly recipients: readonly string[];
}

/**
 * The step that adds a performer to the reminder of their slot at their instant (creating it if needed). It fails
 * with `ReminderAlreadyClosedError` if that reminder was sent already: see `withReminderOrNone`.
 */
export function joinReminderStep(
  tableName: string,
  reminder: Omit<DueReminder, 'recipients'>,
  performerId: string,
): TransactionStep {
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
export function leaveReminderStep(
  tableName: string,
  reminder: Omit<DueReminder, 'recipients'>,
  performerId: string,
): TransactionStep {
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

/**
 * Saves a change that plans a reminder; if the dispatcher has sent the reminder at that instant meanwhile (a
 * request that arrived just before the instant, handled just after the dispatcher's run), saves it again planning
 * none, as for a sign-up made after the reminder time. Returns what was saved.
 */
export async function withReminderOrNone<T extends { readonly reminderAt?: string }>(
  planned: T,
  save: (change: T) => Promise<void>,
): Promise<T> {
  try {
    await save(planned);
    return planned;
  } catch (error) {
    if (!(error instanceof ReminderAlreadyClosedError) || planned.reminderAt === undefined) throw error;
    const none = { ...planned, reminderAt: undefined };
    await save(none);
    return none;
  }
}

/** Reminders due at or before `now`, oldest first, from the due index (never a Scan). */
export async function dueReminders(tableName: string, now: Date, limit = 100): Promise<DueReminder[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :reminder AND gsi3sk <= :now',
      ExpressionAttributeValues: { ':reminder': 'REMINDER', ':now': `${now.toISOString()}#~` },
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
export function closeReminderStep(
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

/**
 * The steps that move a performer's reminder from what `before` planned to what `after` plans: off the old
 * reminder, onto the new one, or nothing when both plan the same.
 */
export function reminderChangeSteps(
  tableName: string,
  before: { performanceId: string; performerId: string; slotId: string; reminderAt?: string } | undefined,
  after: { performanceId: string; performerId: string; slotId: string; reminderAt?: string } | undefined,
): TransactionStep[] {
  const same = before?.reminderAt === after?.reminderAt && before?.slotId === after?.slotId;
  if (same) return [];
  const steps: TransactionStep[] = [];
  if (before?.reminderAt) {
    steps.push(
      leaveReminderStep(
        tableName,
        { performanceId: before.performanceId, slotId: before.slotId, instant: before.reminderAt },
        before.performerId,
      ),
    );
  }
  if (after?.reminderAt) {
    steps.push(
      joinReminderStep(
        tableName,
        { performanceId: after.performanceId, slotId: after.slotId, instant: after.reminderAt },
        after.performerId,
      ),
    );
  }
  return steps;
}
