import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { _Record, Shard } from '@aws-sdk/client-dynamodb-streams';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { FunctionDefinition } from '../../src/manifest';
import type { AnyHandler } from './handlers';
import { lambdaContext } from './handlers';
import type { Poller } from './sqs-poller';

/**
 * The stream as read here hands an empty map attribute over as `{}` instead of `{ M: {} }`, which Lambda never
 * sends and unmarshall refuses. An attribute value with no type is never valid, so it can only be that empty map.
 */
function repairEmptyMaps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(repairEmptyMaps);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return { M: {} };
  return Object.fromEntries(
    entries.map(([key, inner]) => [key, key === 'M' || key === 'L' ? repairChildren(inner) : inner]),
  );
}

function repairChildren(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(repairEmptyMaps);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, repairEmptyMaps(v)]));
}

interface ShardState {
  iterator?: string;
  /** The last sequence number delivered successfully; a retry restarts after it. */
  checkpoint?: string;
  closed: boolean;
}

/**
 * Reads the table's stream and delivers `DynamoDBStreamEvent` batches shard by shard, in order, as Lambda's
 * event source mapping does. A batch whose handler throws is delivered again, from the same record, until it
 * succeeds; the shard does not move on past it.
 */
export function startStreamPoller(options: {
  tableName: string;
  definition: FunctionDefinition;
  handler: AnyHandler;
  batchSize: number;
  intervalMs?: number;
  log: (line: string) => void;
}): Poller {
  const streams = new DynamoDBStreamsClient({});
  const dynamodb = new DynamoDBClient({});
  const shards = new Map<string, ShardState>();
  let running = true;

  async function iteratorFor(streamArn: string, shard: Shard, state: ShardState): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shard.ShardId,
        ...(state.checkpoint
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.checkpoint }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  async function deliver(streamArn: string, records: _Record[]): Promise<void> {
    const event: DynamoDBStreamEvent = {
      Records: records.map(
        (record) =>
          ({
            ...record,
            // The SDK parses this into a Date; Lambda's event carries epoch seconds.
            dynamodb: {
              ...record.dynamodb,
              ...(record.dynamodb?.NewImage ? { NewImage: repairChildren(record.dynamodb.NewImage) } : {}),
              ...(record.dynamodb?.OldImage ? { OldImage: repairChildren(record.dynamodb.OldImage) } : {}),
              ApproximateCreationDateTime: record.dynamodb?.ApproximateCreationDateTime
                ? Math.floor(record.dynamodb.ApproximateCreationDateTime.getTime() / 1000)
                : undefined,
            },
            eventSourceARN: streamArn,
          }) as DynamoDBRecord,
      ),
    };
    await options.handler(event, lambdaContext(options.definition));
  }

  async function pollShard(streamArn: string, shard: Shard): Promise<void> {
    const id = shard.ShardId as string;
    const state = shards.get(id) ?? { closed: false };
    shards.set(id, state);
    // A child shard waits until its parent is read to the end, so records stay in order.
    const parent = shard.ParentShardId ? shards.get(shard.ParentShardId) : undefined;
    if (state.closed || (parent && !parent.closed)) return;
    state.iterator ??= await iteratorFor(streamArn, shard, state);
    if (!state.iterator) return void (state.closed = true);
    const { Records = [], NextShardIterator } = await streams.send(
      new GetRecordsCommand({ ShardIterator: state.iterator, Limit: options.batchSize }),
    );
    if (Records.length) {
      try {
        await deliver(streamArn, Records);
      } catch (error) {
        options.log(`[${options.definition.name}] batch failed, will retry: ${(error as Error).message}`);
        state.iterator = undefined; // start again after the checkpoint
        return;
      }
      state.checkpoint = Records.at(-1)?.dynamodb?.SequenceNumber ?? state.checkpoint;
    }
    state.iterator = NextShardIterator;
    if (!NextShardIterator) state.closed = true;
  }

  const loop = (async () => {
    while (running) {
      try {
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
        const streamArn = Table?.LatestStreamArn;
        if (streamArn) {
          const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
          for (const shard of StreamDescription?.Shards ?? []) await pollShard(streamArn, shard);
        }
      } catch (error) {
        if (running) options.log(`[${options.definition.name}] stream poll failed: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
