import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { config } from '../config';
import { dynamoSentEmailLedger } from '../adapters/dynamodb/sent-email-ledger';
import { sesEmailSender } from '../adapters/ses/ses-email-sender';
import { systemClock } from '../domain/clock';
import { deliverOnce } from '../domain/email-delivery';
import { emailMessage } from '../schemas/email-message';
import { logger } from './logger';

async function deliver(record: SQSRecord): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new Error('The message body is not JSON');
  }
  const message = emailMessage.parse(body);
  const { tableName, senderEmail } = config();
  const deps = { ledger: dynamoSentEmailLedger(tableName), sender: sesEmailSender(senderEmail), clock: systemClock };
  // Each recipient gets an email of their own: nobody sees who else got it, and each is de-duplicated alone,
  // so a retry after a partial failure sends only to those still waiting.
  for (const recipient of message.to) {
    const key = message.to.length > 1 ? `${message.idempotencyKey}/${recipient}` : message.idempotencyKey;
    const outcome = await deliverOnce(deps, { ...message, to: [recipient], idempotencyKey: key });
    logger.info('email delivered', { messageId: record.messageId, key, outcome });
  }
}

/**
 * The mailer: the one function that sends email. It consumes the email queue and reports each failed message
 * on its own (partial batch response), so one bad message is retried and, after maxReceiveCount, dead-lettered
 * without holding back the rest.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await deliver(record);
    } catch (error) {
      logger.warn('email failed', { messageId: record.messageId, error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
