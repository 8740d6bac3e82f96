import type { SQSRecord } from 'aws-lambda';
import { deliverToEach } from '../domain/email-delivery';
import { emailMessageFromText } from '../schemas/email-message';
import { deliveryDependencies } from './delivery';
import { logger } from './logger';
import { queueConsumer } from './queue/consumer';

/**
 * Time kept in hand before the function's timeout: one more email (a ledger claim, an SES call and a ledger
 * write, each retried by the SDK) fits in it, so the function stops between emails rather than being killed
 * in the middle of one.
 */
const reserveMs = 5_000;

/** A message some of whose recipients are still waiting; SQS delivers it again and only they are sent. */
class RecipientsPendingError extends Error {
  override readonly name = 'RecipientsPendingError';
}

async function deliver(record: SQSRecord, hasTime: () => boolean): Promise<void> {
  const message = emailMessageFromText(record.body);
  const report = await deliverToEach(deliveryDependencies(), message, hasTime, (key, outcome) =>
    logger.info('email delivered', { messageId: record.messageId, key, outcome }),
  );
  const { sent, duplicate, pending, errors } = report;
  logger.info('message delivered', {
    messageId: record.messageId,
    recipients: message.to.length,
    sent,
    duplicate,
    pending,
  });
  for (const error of errors) logger.warn('email to one recipient failed', { messageId: record.messageId, error });
  if (report.pending > 0) {
    throw new RecipientsPendingError(`${report.pending} of ${message.to.length} recipients not sent yet`);
  }
}

/**
 * The mailer: the one function that sends email. It consumes the email queue and reports each failed message
 * on its own, so one bad message is retried and, after maxReceiveCount, dead-lettered without holding back the
 * rest. A message to many (a slot's reminder) is sent to each recipient under their own key; if the time runs
 * out first, the rest of the batch is reported failed and its next delivery sends only the emails still missing.
 */
export const handler = queueConsumer('email failed', (record, context) =>
  deliver(record, () => context.getRemainingTimeInMillis() > reserveMs),
);
