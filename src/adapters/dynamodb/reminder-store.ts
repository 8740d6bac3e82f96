import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DueReminder, ReminderRecipient, ReminderStore } from '../../domain/ports/reminders';
import type { ReminderDispatch } from '../../domain/reminder-dispatch';
import { documentClient } from './document-client';
import { indexKeys, indexPartitions, keyPrefixes, keys } from './keys';
import { outboxItem } from './outbox';

export type { DueReminder } from '../../domain/ports/reminders';

/*
 * A sign-up waits for its reminder in the reminder index (gsi3) while it is signed up with a `reminderAt` (the
 * sign-up store gives it the index keys; no other item holds who is due when). Joining or leaving a reminder is
 * part of the sign-up's own write, so it costs one small index entry whatever the number of performers in the slot.
 */

/** How many performers' reminders are taken out of the index at once. */
const parallelUpdates = 8;

/**
 * Reminders due at or before `now`, oldest first, from about `limit` performers of the index, grouped by slot and
 * instant. A group is never cut: reading goes on to the end of the last one, or leaves it for the next call.
 */
async function dueReminders(tableName: string, now: Date, limit = 100): Promise<DueReminder[]> {
  const Items: Record<string, unknown>[] = [];
  const positionOf = (item: Record<string, unknown> | undefined) => String(item?.gsi3sk);
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :reminder AND gsi3sk <= :now',
        ExpressionAttributeValues: { ':reminder': indexPartitions.dueReminders, ':now': `${now.toISOString()}#~` },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    Items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
    const last = positionOf(Items.at(-1));
    if (startKey && Items.length >= limit && positionOf(Items[0]) !== last) {
      // The last group may go on in the next page: it is left whole for the next call.
      while (positionOf(Items.at(-1)) === last) Items.pop();
      break;
    }
  } while (startKey);
  const groups = new Map<string, { reminder: Omit<DueReminder, 'recipients'>; recipients: ReminderRecipient[] }>();
  for (const item of Items) {
    const position = String(item.gsi3sk);
    const performanceId = String(item.pk).slice(keyPrefixes.performance.length);
    const performer = item.performer as { name: string; email: string; timeZone: string };
    const group = groups.get(position) ?? {
      reminder: { performanceId, slotId: String(item.slotId), instant: position.slice(0, position.indexOf('#')) },
      recipients: [],
    };
    groups.set(position, group);
    group.recipients.push({
      performerId: String(item.sk).slice(keyPrefixes.signUp.length),
      name: performer.name,
      email: performer.email,
      timeZone: performer.timeZone,
    });
  }
  return [...groups.values()].map(({ reminder, recipients }) => ({ ...reminder, recipients }));
}

/** Takes one performer's sign-up out of the reminder index, if it still waits for this very reminder. */
async function takeOut(tableName: string, reminder: DueReminder, performerId: string): Promise<void> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.signUp(reminder.performanceId, performerId),
        UpdateExpression: 'REMOVE gsi3pk, gsi3sk',
        ConditionExpression: 'gsi3sk = :due',
        ExpressionAttributeValues: {
          ':due': indexKeys.dueReminder(reminder.instant, reminder.performanceId, reminder.slotId).gsi3sk,
        },
      }),
    );
  } catch (error) {
    // Changed meanwhile (withdrawn, moved, re-planned): its new state decides its reminder.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * The notification first, then the performers out of the index: a crash between the two leaves them waiting, so
 * the next run sends the reminder again and the mailer drops each email already sent (its key names the reminder).
 */
async function close(tableName: string, reminder: DueReminder, dispatch: ReminderDispatch, now: Date) {
  if (dispatch.outcome === 'sent') {
    await documentClient().send(
      new PutCommand({ TableName: tableName, Item: outboxItem([dispatch.notification], now) }),
    );
  }
  const waiting = reminder.recipients.map((r) => r.performerId);
  for (let i = 0; i < waiting.length; i += parallelUpdates) {
    await Promise.all(waiting.slice(i, i + parallelUpdates).map((id) => takeOut(tableName, reminder, id)));
  }
}

/** The reminders of the table: the sign-ups waiting for one, read through gsi3. */
export function dynamoReminderStore(tableName: string): ReminderStore {
  return {
    due: (now, limit) => dueReminders(tableName, now, limit),
    close: (reminder, dispatch, now) => close(tableName, reminder, dispatch, now),
  };
}
