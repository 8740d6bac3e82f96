import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes } from 'aws-lambda';
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
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
  /**
   * When the latest poll that found nothing to deliver began (0: none yet; with several invocations at once, the
   * earliest of their latest), and whether a batch is in hand.
   */
  activity(): { readonly lastEmptyPollStart: number; readonly busy: boolean };
  stop(): Promise<void>;
}

/** The message attributes as Lambda's event carries them (`stringValue`, `dataType`, …). */
function eventAttributes(attributes: Record<string, MessageAttributeValue> = {}): SQSMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        dataType: value.DataType ?? 'String',
        ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );
}

function sqsEvent(messages: readonly Message[], queueArn: string): SQSEvent {
  return {
    Records: messages.map((message) => ({
      messageId: message.MessageId ?? '',
      receiptHandle: message.ReceiptHandle ?? '',
      body: message.Body ?? '',
      attributes: {
        ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
        SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
        SenderId: message.Attributes?.SenderId ?? 'local',
        ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: eventAttributes(message.MessageAttributes),
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: process.env.AWS_REGION ?? 'us-east-1',
    })),
  };
}

/**
 * Polls a queue and delivers batches as `SQSEvent`, as Lambda's event source mapping does: messages the
 * handler reports in `batchItemFailures` (or the whole batch, if it throws) are left on the queue to become
 * visible again after the visibility timeout, and the queue's redrive policy moves them to the dead-letter
 * queue after maxReceiveCount receives. The rest are deleted. Up to the trigger's `maxConcurrency` batches are
 * in hand at once (one without it), as many as Lambda would run invocations at once.
 */
export function startSqsPoller(options: {
  queueUrl: string;
  definition: FunctionDefinition;
  handler: AnyHandler;
  batchSize: number;
  log: (line: string) => void;
  /** The SQS client to poll with (tests pass a stand-in); by default one for the local endpoint. */
  sqs?: Pick<SQSClient, 'send'>;
}): Poller {
  const sqs = options.sqs ?? new SQSClient({ useQueueUrlAsEndpoint: false });
  const { trigger } = options.definition;
  const concurrency = trigger.kind === 'sqs' ? (trigger.maxConcurrency ?? 1) : 1;
  let running = true;
  const states = Array.from({ length: concurrency }, () => ({ lastEmptyPollStart: 0, busy: false }));
  const pollLoop = async (state: (typeof states)[number], queueArn: string) => {
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
          state.lastEmptyPollStart = pollStart;
          continue;
        }
        state.busy = true;
        const event = sqsEvent(Messages, queueArn);
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
        state.busy = false;
      }
    }
  };
  const loops = (async () => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queueArn = Attributes?.QueueArn ?? options.queueUrl;
    await Promise.all(states.map((state) => pollLoop(state, queueArn)));
  })();
  return {
    activity: () => ({
      lastEmptyPollStart: Math.min(...states.map((s) => s.lastEmptyPollStart)),
      busy: states.some((s) => s.busy),
    }),
    async stop() {
      running = false;
      await loops.catch(() => undefined);
    },
  };
}
