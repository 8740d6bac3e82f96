import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../logger';

/**
 * A handler for an SQS-triggered function that reports each failed message on its own (partial batch response),
 * so one bad message is retried and, after maxReceiveCount, dead-lettered without holding back the rest.
 * `consumerFor` is called once per invocation, for what the records of a batch share (the mailer's send pace).
 *
 * @example export const handler = queueConsumer('email failed', (context) => async (record) => { … throw to retry … });
 */
export function queueConsumer(
  failureMessage: string,
  consumerFor: (context: Context) => (record: SQSRecord) => Promise<void>,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  return async (event, context) => {
    logger.addContext(context);
    const consume = consumerFor(context);
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        await consume(record);
      } catch (error) {
        logger.warn(failureMessage, { messageId: record.messageId, error });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}
