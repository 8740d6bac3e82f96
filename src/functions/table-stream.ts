import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { config } from '../config';
import { followUpPerformanceChange, syncSearchIndex } from '../adapters/dynamodb/performance-followups';
import { toPerformance } from '../adapters/dynamodb/performance-store';
import type { TableChange } from '../adapters/dynamodb/stream-records';
import { decodeStreamRecord } from '../adapters/dynamodb/stream-records';
import { enqueueEmails } from '../adapters/sqs/email-queue';
import { emailsFor } from '../domain/notification-emails';
import type { Notification } from '../domain/notifications';
import type { Performance } from '../domain/performance';
import { logger } from './logger';

type StoredPerformance = Performance & { deletedAt?: string };

async function onPerformanceChange(change: TableChange): Promise<void> {
  const { tableName } = config();
  const before = change.oldItem && toStoredPerformance(change.oldItem);
  const after = change.newItem && toStoredPerformance(change.newItem);
  const live = (p: StoredPerformance | undefined) => (p && !p.deletedAt ? p : undefined);
  await syncSearchIndex(tableName, live(before), live(after), change.at);
  if (before && after) await followUpPerformanceChange(tableName, before, after, changedAt(after, change.at));
}

/**
 * When a performance was changed, by the clock of the write that changed it (the stream's own timestamp is only
 * approximate: to the second in AWS, to the minute in DynamoDB Local). What the change causes — invites'
 * DTSTAMP, re-planned reminders, status history — dates from it.
 */
function changedAt(performance: StoredPerformance, streamedAt: Date): Date {
  const at = new Date(performance.deletedAt ?? performance.updatedAt);
  return Number.isNaN(at.getTime()) ? streamedAt : at;
}

function toStoredPerformance(item: Record<string, unknown>): StoredPerformance {
  return { ...toPerformance(item), ...(item.deletedAt ? { deletedAt: String(item.deletedAt) } : {}) };
}

async function relayOutbox(change: TableChange): Promise<void> {
  const item = change.newItem;
  if (!item) return;
  const messages = emailsFor(
    item.notification as Notification,
    String(item.outboxId),
    new Date(String(item.createdAt)),
    config().webBaseUrl,
  );
  await enqueueEmails(config().emailQueueUrl, messages);
  logger.info('outbox relayed', {
    outboxId: item.outboxId,
    kind: (item.notification as Notification).kind,
    emails: messages.length,
  });
}

/**
 * The table's stream consumer. It relays each new outbox record to the email queue, and follows up each change
 * to a performance: the search index, and what the change means for its performers. A failure fails the batch,
 * which Lambda (or the local runtime) delivers again from the same record; every step is safe to repeat, and the
 * mailer drops emails it has already sent.
 */
export async function handler(event: DynamoDBStreamEvent, context: Context): Promise<void> {
  logger.addContext(context);
  for (const record of event.Records) {
    const change = decodeStreamRecord(record);
    if (change.type === 'Outbox' && change.eventName === 'INSERT') await relayOutbox(change);
    else if (change.type === 'Performance') await onPerformanceChange(change);
  }
}
