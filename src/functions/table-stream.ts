import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { config } from '../config';
import type { TableChange } from '../adapters/dynamodb/stream-records';
import { decodeStreamRecord, performancesOf } from '../adapters/dynamodb/stream-records';
import { enqueueEmails } from '../adapters/sqs/email-queue';
import { changedAt, concernsSignUps, followUpPerformanceChange, slotsClosedBy } from '../domain/follow-ups';
import { readOutboxItem } from '../adapters/dynamodb/outbox';
import { emailsFor } from '../domain/notification-emails';
import { logger } from './logger';
import { queueSignUpFollowUps } from './sign-up-follow-up';
import { signUps, storesOf } from './stores';

const stores = storesOf({ signUps });

/**
 * What a performance change means for its sign-ups, decided here and saved by the mailer: the changes go on the
 * email queue in small work items, so a throttled table delays them there (with backoff, without a receive limit)
 * instead of failing this batch and holding back the outbox records behind it. Each change is saved on its own,
 * conditional on its sign-up's status, so a repeated batch or work item neither repeats an email nor misses a
 * performer. (The search index is search-indexer's.)
 */
async function onPerformanceChange(change: TableChange): Promise<void> {
  const { before, after } = performancesOf(change);
  const { signUps } = stores();
  if (!before || !after || !concernsSignUps(before, after)) return;
  // Closed first: a sign-up racing the change is then either among those read next or refused. The read is
  // strongly consistent: an eventually consistent one could miss a sign-up written just before the change (never
  // cancelled) or show one as it was before its last change (judged on a slot it has left).
  const { slotIds, reason } = slotsClosedBy(before, after);
  await signUps.closeSlots(after.performanceId, slotIds, reason);
  const signUpsNow = await signUps.listOfPerformance(after.performanceId, { consistent: true });
  const followUp = followUpPerformanceChange(before, after, signUpsNow, changedAt(after, change.at));
  await queueSignUpFollowUps(after.performanceId, followUp.signUps);
}

async function relayOutbox(change: TableChange): Promise<void> {
  const item = change.newItem;
  if (!item) return;
  const { webBaseUrl, emailQueueUrl } = config();
  const { createdAt, entries } = readOutboxItem(item);
  const messages = entries.flatMap(({ notification, key }) => emailsFor(notification, key, createdAt, webBaseUrl));
  await enqueueEmails(emailQueueUrl, messages);
  const kinds = entries.map((e) => e.notification.kind);
  logger.info('outbox relayed', { outboxId: item.outboxId, kinds, emails: messages.length });
}

/**
 * The table's stream consumer for email (its event source delivers only new outbox records and changed
 * performances): it relays each new outbox record to the email queue, and queues, for each change to a
 * performance, what it means for its performers (the mailer saves those sign-up changes). Its own work per record
 * is bounded: a few slot guards, one read of the sign-ups and the queue messages. The search index is another
 * consumer's (search-indexer), so its failures hold back no email. A failure fails the batch, which Lambda (or the
 * local runtime) delivers again from the same record; every step is safe to repeat, and the mailer drops emails it
 * has already sent.
 */
export async function handler(event: DynamoDBStreamEvent, context: Context): Promise<void> {
  logger.addContext(context);
  for (const record of event.Records) {
    const change = decodeStreamRecord(record);
    if (change.type === 'Outbox' && change.eventName === 'INSERT') await relayOutbox(change);
    else if (change.type === 'Performance') await onPerformanceChange(change);
  }
}
