import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../logger';

/**
 * A handler for an SQS-triggered function that reports each failed message on its own (partial batch response),
 * so one bad message is retried and, after maxReceiveCount, dead-lettered without holding back the rest.
 *
 * @example export const handler = queueConsumer('email failed', async (record, context) => { … throw to retry … });
 */
export function queueConsumer(
  failureMessage: string,
  consume: (record: SQSRecord, context: Context) => Promise<void>,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  return async (event, context) => {
    logger.addContext(context);
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        await consume(record, context);
      } catch (error) {
        logger.warn(failureMessage, { messageId: record.messageId, error });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}
