import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { config } from '../config';
import type { TableChange } from '../adapters/dynamodb/stream-records';
import { decodeStreamRecord, performancesOf } from '../adapters/dynamodb/stream-records';
import { enqueueEmails } from '../adapters/sqs/email-queue';
import type { StoredPerformance } from '../domain/follow-ups';
import { changedAt, concernsSignUps, followUpPerformanceChange } from '../domain/follow-ups';
import { emailsFor } from '../domain/notification-emails';
import type { Notification } from '../domain/notifications';
import { logger } from './logger';
import { stores } from './stores';

const live = (p: StoredPerformance | undefined) => (p && !p.deletedAt ? p : undefined);

/**
 * The search index, then what the change means for the performance's sign-ups: each sign-up's change is saved on
 * its own, conditional on its status, so a retried batch neither repeats an email nor misses a performer.
 */
async function onPerformanceChange(change: TableChange): Promise<void> {
  const { before, after } = performancesOf(change);
  const { search, signUps } = stores();
  await search.sync(live(before), live(after), change.at);
  if (!before || !after || !concernsSignUps(before, after)) return;
  const signUpsNow = await signUps.listOfPerformance(after.performanceId);
  const followUp = followUpPerformanceChange(before, after, signUpsNow, changedAt(after, change.at));
  for (const decision of followUp.signUps) await signUps.saveUnlessMovedOn(decision);
  await signUps.forgetSlots(after.performanceId, followUp.removedSlots);
}

async function relayOutbox(change: TableChange): Promise<void> {
  const item = change.newItem;
  if (!item) return;
  const { webBaseUrl, emailQueueUrl } = config();
  const notification = item.notification as Notification;
  const messages = emailsFor(notification, String(item.outboxId), new Date(String(item.createdAt)), webBaseUrl);
  await enqueueEmails(emailQueueUrl, messages);
  logger.info('outbox relayed', { outboxId: item.outboxId, kind: notification.kind, emails: messages.length });
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
