import type { DynamoDBStreamEvent } from 'aws-lambda';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../src/adapters/dynamodb/document-client';
import type { FunctionDefinition } from '../../src/manifest';
import { startStreamPoller } from '../../local/runtime/stream-poller';
import { api, signedUpUser } from '../support/api';
import { eventually } from '../support/outbox';

/**
 * What AWS enforces after deploy and the local runtime enforces too: provisioned throughput (with DynamoDB's
 * burst credit) and the stream event source's retry, bisect and on-failure settings.
 */

describe('provisioned throughput in the local runtime', () => {
  it('answers 503 with Retry-After once a burst of writes has used up the table’s capacity and burst credit', async () => {
    const performer = await signedUpUser('performer');
    const update = (n: number) => api('PATCH', '/me', { token: performer.token, body: { name: `Burst ${n}` } });
    // One request after another (concurrent changes of one profile would contend with each other instead).
    // Unmetered (the test stack's default), the burst all goes through.
    for (let n = 0; n < 4; n++) expect((await update(n)).status).toBe(200);

    // A small capacity, so the burst credit runs out in a write or two: 0.2 write units a second, 5 s of burst.
    const set = await api('PUT', '/__local/throughput', { body: { read: 100, write: 0.2, burstSeconds: 5 } });
    expect(set.status).toBe(200);
    try {
      const statuses: number[] = [];
      let refused: Awaited<ReturnType<typeof update>> | undefined;
      for (let n = 0; n < 6 && !refused; n++) {
        const response = await update(n);
        statuses.push(response.status);
        if (response.status === 503) refused = response;
      }
      // Every answer is either the change or "come back later": none is a 500.
      expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
      expect(refused, `statuses ${statuses.join(', ')}`).toBeDefined();
      expect(refused?.contentType).toMatch(/application\/problem\+json/);
      const problem = refused?.body as { code?: string; detail?: string };
      expect(problem.code).toBe('service-unavailable');
      // Throttled, not contended: the answer the API gives when DynamoDB refuses for throughput.
      expect(problem.detail).toMatch(/busy/);
      expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await api('DELETE', '/__local/throughput');
    }
  });

  it('leaves the test stack unmetered by default and reports the limits in force', async () => {
    const shown = await api<{ limits: unknown }>('GET', '/__local/throughput');
    // The integration stack starts unmetered so existing tests keep DynamoDB Local's speed.
    expect(shown.body.limits).toBe('unmetered');
  });
});

describe('the stream event source in the local runtime', () => {
  const definition: FunctionDefinition = {
    name: 'stream-limits-test',
    entry: 'test-only',
    trigger: { kind: 'dynamodb-stream', batchSize: 100 },
    permissions: [],
    timeoutSeconds: 5,
    memoryMb: 128,
  };

  it('bisects a failing batch, delivers the good records, and sends the bad one to the on-failure queue after its retries', async () => {
    const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
    const { QueueUrl: failureQueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: `stream-failures-${randomUUID().slice(0, 8)}` }),
    );
    const marker = randomUUID();
    const bad = `${marker}#2`;
    const delivered: string[] = [];
    let badSequence: string | undefined;
    const poller = startStreamPoller({
      tableName: process.env.TABLE_NAME as string,
      definition,
      batchSize: 100,
      intervalMs: 20,
      log: () => undefined,
      failureQueueUrl,
      handler: async (event: DynamoDBStreamEvent) => {
        const mine = event.Records.filter((r) => r.dynamodb?.NewImage?.sk?.S?.startsWith(marker));
        const poisoned = mine.find((r) => r.dynamodb?.NewImage?.sk?.S === bad);
        if (poisoned) {
          badSequence = poisoned.dynamodb?.SequenceNumber;
          throw new Error('poison record');
        }
        delivered.push(...mine.map((r) => r.dynamodb?.NewImage?.sk?.S ?? ''));
      },
    });
    try {
      for (const n of [1, 2, 3]) {
        await documentClient().send(
          new PutCommand({ TableName: process.env.TABLE_NAME, Item: { pk: 'STREAM-LIMITS', sk: `${marker}#${n}` } }),
        );
      }
      const messages = await eventually(
        async () =>
          (await sqs.send(new ReceiveMessageCommand({ QueueUrl: failureQueueUrl, WaitTimeSeconds: 1 }))).Messages ?? [],
        (received) => received.length > 0,
        50_000,
      );
      const failure = JSON.parse(messages[0]?.Body ?? '{}') as {
        requestContext: { condition: string; approximateInvokeCount: number };
        DDBStreamBatchInfo: { batchSize: number; startSequenceNumber: string; endSequenceNumber: string };
      };
      expect(failure.requestContext.condition).toBe('RetryAttemptsExhausted');
      // Bisection narrowed the failure down to the one bad record; it was tried once and retried 10 times.
      expect(failure.DDBStreamBatchInfo.batchSize).toBe(1);
      expect(failure.DDBStreamBatchInfo.startSequenceNumber).toBe(badSequence);
      expect(failure.requestContext.approximateInvokeCount).toBe(11);
      await eventually(
        async () => delivered,
        (all) => all.includes(`${marker}#3`),
      );
      expect(delivered).toEqual([`${marker}#1`, `${marker}#3`]);
    } finally {
      await poller.stop();
    }
  });
});
