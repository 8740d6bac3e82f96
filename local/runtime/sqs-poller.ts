import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { FunctionDefinition } from '../../src/manifest';
import type { AnyHandler } from './handlers';
import { invoke } from './invocation';

export interface Poller {
  /** When the latest poll that found nothing to deliver began (0: none yet), and whether a batch is in hand. */
  activity(): { readonly lastEmptyPollStart: number; readonly busy: boolean };
  stop(): Promise<void>;
}

/**
 * Polls a queue and delivers batches as `SQSEvent`, as Lambda's event source mapping does: messages the
 * handler reports in `batchItemFailures` (or the whole batch, if it throws) are left on the queue to become
 * visible again after the visibility timeout, and the queue's redrive policy moves them to the dead-letter
 * queue after maxReceiveCount receives. The rest are deleted.
 */
export function startSqsPoller(options: {
  queueUrl: string;
  definition: FunctionDefinition;
  handler: AnyHandler;
  batchSize: number;
  log: (line: string) => void;
}): Poller {
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  let running = true;
  let lastEmptyPollStart = 0;
  let busy = false;
  const loop = (async () => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queueArn = Attributes?.QueueArn ?? options.queueUrl;
    while (running) {
      const pollStart = Date.now();
      try {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: options.batchSize,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        if (Messages.length === 0) {
          lastEmptyPollStart = pollStart;
          continue;
        }
        busy = true;
        const event: SQSEvent = {
          Records: Messages.map((message) => ({
            messageId: message.MessageId ?? '',
            receiptHandle: message.ReceiptHandle ?? '',
            body: message.Body ?? '',
            attributes: {
              ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
              SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
              SenderId: message.Attributes?.SenderId ?? 'local',
              ApproximateFirstReceiveTimestamp:
                message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
            },
            messageAttributes: {},
            md5OfBody: message.MD5OfBody ?? '',
            eventSource: 'aws:sqs',
            eventSourceARN: queueArn,
            awsRegion: process.env.AWS_REGION ?? 'us-east-1',
          })),
        };
        let failed: Set<string>;
        try {
          const response = (await invoke(options.definition, options.handler, event)) as SQSBatchResponse | undefined;
          failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        } catch (error) {
          options.log(`[${options.definition.name}] batch failed: ${(error as Error).message}`);
          failed = new Set(event.Records.map((r) => r.messageId));
        }
        const done = event.Records.filter((r) => !failed.has(r.messageId));
        if (done.length) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: options.queueUrl,
              Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
            }),
          );
        }
      } catch (error) {
        if (running) options.log(`[${options.definition.name}] poll failed: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        busy = false;
      }
    }
  })();
  return {
    activity: () => ({ lastEmptyPollStart, busy }),
    async stop() {
      running = false;
      await loop.catch(() => undefined);
    },
  };
}
