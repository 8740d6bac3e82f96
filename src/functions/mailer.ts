import type { Context, SQSRecord } from 'aws-lambda';
import { pacedSender, SendDeferredError } from '../adapters/ses/paced-sender';
import type { PacedSender } from '../adapters/ses/paced-sender';
import { sesEmailSender } from '../adapters/ses/ses-email-sender';
import { requeueEmail } from '../adapters/sqs/email-queue';
import { config, sesMaxSendRate } from '../config';
import { deliverToEach } from '../domain/email-delivery';
import { functionNamed } from '../manifest';
import { emailMessageFromText } from '../schemas/email-message';
import { deliveryDependencies } from './delivery';
import { remainderPlan, throttledDeliveriesAttribute, unsentPart } from './email-remainder';
import { logger } from './logger';
import { queueConsumer } from './queue/consumer';

/**
 * Time kept in hand before the function's timeout: one more email (a ledger claim, an SES call and a ledger
 * write, each retried by the SDK) and putting the rest back on the queue fit in it, so the function stops between
 * emails rather than being killed in the middle of one.
 */
const reserveMs = 5_000;

/** A message with emails not sent for a reason other than SES's rate or the time: SQS delivers it again. */
class RecipientsPendingError extends Error {
  override readonly name = 'RecipientsPendingError';
}

/** How many mailers run at once at most: the manifest's maximum concurrency of its queue. */
function mailerConcurrency(): number {
  const { trigger } = functionNamed('mailer');
  if (trigger.kind !== 'sqs' || !trigger.maxConcurrency) throw new Error('The mailer trigger sets no maxConcurrency');
  return trigger.maxConcurrency;
}

/**
 * Puts what SES's rate or the timeout left unsent back on the queue as a new message, so that waiting for SES
 * never counts as a failed receive (each counts towards the dead-letter queue). The new message is on the queue
 * before this one is deleted; if the function dies in between, both are delivered and the ledger drops the copies.
 */
async function putBackUnsent(
  record: SQSRecord,
  remainder: ReturnType<typeof unsentPart>,
  sent: number,
  sender: PacedSender,
) {
  if (!remainder) return;
  const throttledBefore = Number(record.messageAttributes[throttledDeliveriesAttribute]?.stringValue ?? 0) || 0;
  const plan = remainderPlan(throttledBefore, { sent, throttled: sender.deferred() === 'throttled' });
  if (!plan.requeue) throw new RecipientsPendingError(`SES throttled ${throttledBefore + 1} deliveries in a row`);
  await requeueEmail(config().emailQueueUrl, remainder, {
    delaySeconds: plan.delaySeconds,
    attributes: { [throttledDeliveriesAttribute]: String(plan.throttledDeliveries) },
  });
  logger.info('unsent emails put back on the queue', {
    messageId: record.messageId,
    recipients: remainder.to.length,
    reason: sender.deferred() ?? 'out-of-time',
    delaySeconds: plan.delaySeconds,
  });
}

async function deliver(record: SQSRecord, sender: PacedSender): Promise<void> {
  const message = emailMessageFromText(record.body);
  const delivered = new Set<string>();
  const report = await deliverToEach(
    deliveryDependencies(sender),
    message,
    () => sender.accepting(),
    (key, outcome) => {
      delivered.add(key);
      logger.info('email delivered', { messageId: record.messageId, key, outcome });
    },
  );
  const { sent, duplicate, pending, errors } = report;
  logger.info('message delivered', {
    messageId: record.messageId,
    recipients: message.to.length,
    sent,
    duplicate,
    pending,
  });
  const failures = errors.filter((error) => !(error instanceof SendDeferredError));
  for (const error of failures) logger.warn('email to one recipient failed', { messageId: record.messageId, error });
  if (pending === 0) return;
  if (failures.length > 0) {
    throw new RecipientsPendingError(`${pending} of ${message.to.length} recipients not sent yet`);
  }
  await putBackUnsent(record, unsentPart(message, delivered), sent, sender);
}

/**
 * The mailer: the one function that sends email. It consumes the email queue and reports each failed message
 * on its own, so one bad message is retried and, after maxReceiveCount, dead-lettered without holding back the
 * rest. It keeps within SES's sending rate: at most `maxConcurrency` mailers run at once, each sending at most
 * that share of SES_MAX_SEND_RATE, retrying throttled sends. A message to many (a slot's reminder) is sent to each
 * recipient under their own key; what the rate or the timeout leaves unsent goes back on the queue as a new
 * message, not as a failure, and its delivery sends only the emails still missing.
 */
export const handler = queueConsumer('email failed', (context: Context) => {
  const sender = pacedSender(sesEmailSender(config().senderEmail), {
    ratePerSecond: sesMaxSendRate(),
    concurrency: mailerConcurrency(),
    latestStart: Date.now() + context.getRemainingTimeInMillis() - reserveMs,
  });
  return (record) => deliver(record, sender);
});
