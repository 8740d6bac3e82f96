import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { EmailMessage } from '../../schemas/email-message';

let client: SQSClient | undefined;

/** The one SQS client of this process (tests and the benchmark add middleware to it to count or fail calls). */
export function emailQueueClient(): SQSClient {
  client ??= new SQSClient({ useQueueUrlAsEndpoint: false });
  return client;
}

/**
 * Puts emails on the email queue (at most 10 per SQS batch). The queue URL host is not used as the endpoint:
 * locally the stand-in's URLs name a host that does not resolve, and in AWS the two agree anyway.
 */
export async function enqueueEmails(queueUrl: string, messages: readonly EmailMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    const batch = messages.slice(i, i + 10);
    const { Failed = [] } = await emailQueueClient().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((message, n) => ({ Id: String(n), MessageBody: JSON.stringify(message) })),
      }),
    );
    if (Failed.length) throw new Error(`SQS refused ${Failed.length} of ${batch.length} emails: ${Failed[0]?.Message}`);
  }
}

/**
 * Puts one email back on the queue as a new message, visible after `delaySeconds` (at most 900), with message
 * attributes (string values) the consumer reads from its event.
 * @example await requeueEmail(queueUrl, message, { delaySeconds: 4, attributes: { throttledDeliveries: '2' } })
 */
export async function requeueEmail(
  queueUrl: string,
  message: EmailMessage,
  options: { delaySeconds: number; attributes: Readonly<Record<string, string>> },
): Promise<void> {
  await emailQueueClient().send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(message),
      DelaySeconds: options.delaySeconds,
      MessageAttributes: Object.fromEntries(
        Object.entries(options.attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
      ),
    }),
  );
}
