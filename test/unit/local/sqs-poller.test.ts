import type { SQSEvent } from 'aws-lambda';
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../../../src/manifest';
import { startSqsPoller } from '../../../local/runtime/sqs-poller';

/** An in-memory queue that answers the calls the poller makes. */
function fakeQueue(bodies: readonly string[]) {
  const waiting: Message[] = bodies.map((body, i) => ({ MessageId: `m${i}`, ReceiptHandle: `r${i}`, Body: body }));
  const deleted: string[] = [];
  const client = {
    async send(command: unknown) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (command instanceof ReceiveMessageCommand) {
        return { Messages: waiting.splice(0, command.input.MaxNumberOfMessages ?? 1) };
      }
      if (command instanceof DeleteMessageBatchCommand) {
        deleted.push(...(command.input.Entries ?? []).map((e) => e.ReceiptHandle ?? ''));
        return {};
      }
      return { Attributes: { QueueArn: 'arn:aws:sqs:us-east-1:000000000000:test' } };
    },
  };
  return { client: client as unknown as SQSClient, deleted };
}

const definition = (maxConcurrency?: number): FunctionDefinition => ({
  name: 'test-consumer',
  entry: 'none',
  trigger: { kind: 'sqs', queue: 'email', batchSize: 1, ...(maxConcurrency ? { maxConcurrency } : {}) },
  permissions: [],
  timeoutSeconds: 5,
  memoryMb: 128,
});

async function peakInvocations(maxConcurrency: number | undefined): Promise<number> {
  const queue = fakeQueue(Array.from({ length: 12 }, (_, i) => `message ${i}`));
  let running = 0;
  let peak = 0;
  const poller = startSqsPoller({
    queueUrl: 'http://127.0.0.1/000000000000/test',
    definition: definition(maxConcurrency),
    batchSize: 1,
    sqs: queue.client,
    log: () => undefined,
    handler: async (event: SQSEvent) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 20 * event.Records.length));
      running -= 1;
      return { batchItemFailures: [] };
    },
  });
  const deadline = Date.now() + 10_000;
  while (queue.deleted.length < 12 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  await poller.stop();
  expect(queue.deleted).toHaveLength(12);
  return peak;
}

describe('the local SQS poller', () => {
  it('runs as many invocations at once as the trigger maximum concurrency, never more', async () => {
    expect(await peakInvocations(3)).toBe(3);
    expect(await peakInvocations(2)).toBe(2);
  });

  it('runs one invocation at a time when the trigger sets no maximum', async () => {
    expect(await peakInvocations(undefined)).toBe(1);
  });
});
