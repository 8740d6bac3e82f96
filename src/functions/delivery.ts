import type { SQSRecord } from 'aws-lambda';
import { dynamoSentEmailLedger } from '../adapters/dynamodb/sent-email-ledger';
import { dynamoSuppressionList } from '../adapters/dynamodb/suppression-list';
import type { PacedSender } from '../adapters/ses/paced-sender';
import { SendDeferredError } from '../adapters/ses/paced-sender';
import { requeueEmail } from '../adapters/sqs/email-queue';
import { config } from '../config';
import { systemClock } from '../domain/clock';
import { deliverToEach } from '../domain/email-delivery';
import type { EmailMessage } from '../schemas/email-message';
import { emailMessageFromText } from '../schemas/email-message';
import { remainderPlan, throttledDeliveriesAttribute, unsentPart } from './email-remainder';
import { logger } from './logger';

/** A message with emails not sent for a reason other than SES's rate or the time: SQS delivers it again. */
class RecipientsPendingError extends Error {
  override readonly name = 'RecipientsPendingError';
}

/**
 * Puts what SES's rate or the timeout left unsent back on the queue as a new message, so that waiting for SES
 * never counts as a failed receive (each counts towards the dead-letter queue). The new message is on the queue
 * before this one is deleted; if the function dies in between, both are delivered and the ledger drops the copies.
 */
async function putBackUnsent(record: SQSRecord, remainder: EmailMessage, sent: number, sender: PacedSender) {
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

/**
 * Delivers one message of the email queue through `sender`: each recipient's email once (the sent-email ledger on
 * the table drops what was sent before). It throws, for SQS to deliver the message again, when an email failed
 * for a reason of its own; what only SES's rate or the time held back goes back on the queue instead.
 *
 * @example await deliverQueuedMessage(record, pacedSender(sesEmailSender(from), { … }))
 */
export async function deliverQueuedMessage(record: SQSRecord, sender: PacedSender): Promise<void> {
  const message = emailMessageFromText(record.body);
  const delivered = new Set<string>();
  const deps = {
    ledger: dynamoSentEmailLedger(config().tableName),
    sender,
    clock: systemClock,
    suppressions: dynamoSuppressionList(config().tableName),
  };
  const report = await deliverToEach(
    deps,
    message,
    () => sender.accepting(),
    (key, outcome, suppression) => {
      delivered.add(key);
      if (suppression) {
        // Not a failure: SES reported the address bounced or complained; the person sees it in their profile.
        const { reason, detail, since } = suppression;
        logger.info('email not sent: the address is undeliverable', {
          messageId: record.messageId,
          key,
          reason,
          detail,
          since,
        });
      } else {
        logger.info('email delivered', { messageId: record.messageId, key, outcome });
      }
    },
  );
  const { sent, duplicate, suppressed, pending, errors } = report;
  logger.info('message delivered', {
    messageId: record.messageId,
    recipients: message.to.length,
    sent,
    duplicate,
    suppressed,
    pending,
  });
  const failures = errors.filter((error) => !(error instanceof SendDeferredError));
  for (const error of failures) logger.warn('email to one recipient failed', { messageId: record.messageId, error });
  if (pending === 0) return;
  if (failures.length > 0) {
    throw new RecipientsPendingError(`${pending} of ${message.to.length} recipients not sent yet`);
  }
  const remainder = unsentPart(message, delivered);
  if (remainder) await putBackUnsent(record, remainder, sent, sender);
}
