import type { DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../src/adapters/dynamodb/document-client';
import type { FunctionDefinition } from '../../src/manifest';
import { startStreamPoller } from '../../local/runtime/stream-poller';
import { startScheduler } from '../../local/runtime/scheduler';
import { eventually } from '../support/outbox';

const definition = (name: string, trigger: FunctionDefinition['trigger']): FunctionDefinition => ({
  name,
  entry: 'test-only',
  trigger,
  permissions: [],
  timeoutSeconds: 5,
  memoryMb: 128,
});

describe('the DynamoDB Streams poller', () => {
  it('delivers new items as DynamoDBStreamEvent batches and retries a failing batch until it succeeds', async () => {
    const marker = randomUUID();
    const deliveries: string[][] = [];
    let failuresLeft = 1;
    const poller = startStreamPoller({
      tableName: process.env.TABLE_NAME as string,
      definition: definition('stream-test', { kind: 'dynamodb-stream', batchSize: 100 }),
      batchSize: 100,
      intervalMs: 100,
      log: () => undefined,
      handler: async (event: DynamoDBStreamEvent) => {
        const mine = event.Records.map((r) => r.dynamodb?.NewImage?.sk?.S ?? '').filter((sk) => sk.startsWith(marker));
        if (mine.length === 0) return;
        deliveries.push(mine);
        if (failuresLeft-- > 0) throw new Error('injected failure');
      },
    });
    try {
      for (const n of [1, 2, 3]) {
        await documentClient().send(
          new PutCommand({ TableName: process.env.TABLE_NAME, Item: { pk: `STREAM-TEST`, sk: `${marker}#${n}` } }),
        );
      }
      // The poller starts at the stream's trim horizon, so it first reads through every record the shared stack's
      // earlier test files wrote, which takes a while on a busy machine.
      const seen = await eventually(
        async () => deliveries.flat(),
        (all) => new Set(all).size === 3 && deliveries.length >= 2,
        100_000,
      );
      // The failed first batch came again, and every record arrived, in write order.
      expect(deliveries.length).toBeGreaterThanOrEqual(2);
      expect(deliveries[1]?.[0]).toBe(deliveries[0]?.[0]);
      expect([...new Set(seen)]).toEqual([1, 2, 3].map((n) => `${marker}#${n}`));
    } finally {
      await poller.stop();
    }
  });
});

describe('the scheduler', () => {
  it('fires a schedule function on demand with an EventBridge scheduled event carrying the given time', async () => {
    const events: ScheduledEvent[] = [];
    const scheduler = startScheduler(
      [
        {
          definition: definition('tick', { kind: 'schedule', everyMinutes: 15 }),
          everyMinutes: 15,
          handler: async (event: ScheduledEvent) => {
            events.push(event);
            return 'ran';
          },
        },
      ],
      () => undefined,
    );
    try {
      await expect(scheduler.run('tick', new Date('2027-03-28T18:00:00Z'))).resolves.toBe('ran');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        time: '2027-03-28T18:00:00Z',
      });
      await expect(scheduler.run('nope')).rejects.toThrow(/No schedule function/);
    } finally {
      scheduler.stop();
    }
  });
});
