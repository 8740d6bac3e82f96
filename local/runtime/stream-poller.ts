import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { _Record, Shard } from '@aws-sdk/client-dynamodb-streams';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionDefinition } from '../../src/manifest';
import type { StreamFilter } from '../../src/manifest';
import {
  matchesFilterPattern,
  streamEventSourceSettings,
  streamFilterPatterns,
} from '../../infra/event-source-settings';
import type { AnyHandler } from './handlers';
import { invoke } from './invocation';
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

/**
 * The records of a batch that a consumer with these manifest filters is invoked for, by the same patterns the stack
 * deploys as the event source's FilterCriteria (all records when it has no filters).
 */
export function selectedRecords<R>(records: readonly R[], filters: readonly StreamFilter[] | undefined): R[] {
  if (!filters) return [...records];
  const patterns = streamFilterPatterns(filters);
  return records.filter((record) => patterns.some((pattern) => matchesFilterPattern(record, pattern)));
}

/** Stream records as Lambda's event carries them to the function. */
export function lambdaStreamEvent(streamArn: string, records: readonly _Record[]): DynamoDBStreamEvent {
  return {
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
}

interface ShardState {
  iterator?: string;
  /** The last sequence number delivered successfully; a retry restarts after it. */
  checkpoint?: string;
  closed: boolean;
}

/** How the event source mapping treats a failing batch: the stack's settings unless a test says otherwise. */
export interface StreamRetryPolicy {
  readonly retryAttempts: number;
  readonly bisectBatchOnError: boolean;
}

/**
 * Reads the table's stream and delivers `DynamoDBStreamEvent` batches shard by shard, in order, as Lambda's
 * event source mapping does with the settings the stack deploys (infra/event-source-settings.ts): a batch whose
 * handler fails (or times out) is split in two and each half retried, up to `retryAttempts` retries; records
 * that still fail are described in a message to the on-failure queue (as Lambda's SqsDlq destination does) and the
 * shard moves on. Without a failure queue they are logged and skipped. Records the trigger's filters leave out
 * invoke nothing (the position moves past them). Each consumer has its own poller: its own position in each shard,
 * its own retries and its own failure queue, as each event source mapping has in AWS.
 */
export function startStreamPoller(options: {
  tableName: string;
  definition: FunctionDefinition;
  handler: AnyHandler;
  batchSize: number;
  intervalMs?: number;
  log: (line: string) => void;
  /** The on-failure destination (a queue URL). */
  failureQueueUrl?: string;
  retryPolicy?: StreamRetryPolicy;
}): Poller {
  const policy = options.retryPolicy ?? streamEventSourceSettings;
  const { trigger } = options.definition;
  const filters = trigger.kind === 'dynamodb-stream' ? trigger.filters : undefined;
  const streams = new DynamoDBStreamsClient({});
  const dynamodb = new DynamoDBClient({});
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  const shards = new Map<string, ShardState>();
  let running = true;
  let lastEmptyPollStart = 0;
  let busy = false;
  let delivered = false;

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
    await invoke(options.definition, options.handler, lambdaStreamEvent(streamArn, records));
  }

  /** Lambda's on-failure record for a stream batch: where the records are, not the records. */
  async function sendToFailureDestination(streamArn: string, shardId: string, records: _Record[], invokeCount: number) {
    const first = records[0]?.dynamodb;
    const last = records.at(-1)?.dynamodb;
    const body = {
      requestContext: {
        requestId: randomUUID(),
        functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${options.definition.name}`,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: invokeCount,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: first?.SequenceNumber,
        endSequenceNumber: last?.SequenceNumber,
        approximateArrivalOfFirstRecord: first?.ApproximateCreationDateTime?.toISOString(),
        approximateArrivalOfLastRecord: last?.ApproximateCreationDateTime?.toISOString(),
        batchSize: records.length,
        streamArn,
      },
    };
    options.log(
      `[${options.definition.name}] ${records.length} stream record(s) failed after ${policy.retryAttempts} retries` +
        (options.failureQueueUrl ? '; sent to the on-failure queue' : '; skipped'),
    );
    if (options.failureQueueUrl) {
      await sqs.send(new SendMessageCommand({ QueueUrl: options.failureQueueUrl, MessageBody: JSON.stringify(body) }));
    }
  }

  /**
   * Delivers `records` until they succeed or their retries run out, bisecting a failing batch first. Returns
   * false only when the failure destination itself could not be reached (the shard then stays where it is).
   */
  async function settle(streamArn: string, shardId: string, records: _Record[], retries = 0): Promise<boolean> {
    try {
      await deliver(streamArn, records);
      return true;
    } catch (error) {
      options.log(`[${options.definition.name}] batch of ${records.length} failed: ${(error as Error).message}`);
      if (!running) return false;
      if (retries >= policy.retryAttempts) {
        try {
          await sendToFailureDestination(streamArn, shardId, records, retries + 1);
          return true;
        } catch (sendError) {
          options.log(`[${options.definition.name}] on-failure queue: ${(sendError as Error).message}`);
          return false;
        }
      }
      await new Promise((r) => setTimeout(r, Math.min(1000, (options.intervalMs ?? 250) * 2 ** Math.min(retries, 4))));
      if (policy.bisectBatchOnError && records.length > 1) {
        const half = Math.ceil(records.length / 2);
        return (
          (await settle(streamArn, shardId, records.slice(0, half), retries + 1)) &&
          settle(streamArn, shardId, records.slice(half), retries + 1)
        );
      }
      return settle(streamArn, shardId, records, retries + 1);
    }
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
    // Records read, even all filtered out, mean the shard may hold more: not yet idle.
    if (Records.length) delivered = true;
    const selected = selectedRecords(Records, filters);
    if (selected.length) {
      busy = true;
      if (!(await settle(streamArn, id, selected))) {
        state.iterator = undefined; // start again after the checkpoint
        return;
      }
    }
    state.checkpoint = Records.at(-1)?.dynamodb?.SequenceNumber ?? state.checkpoint;
    state.iterator = NextShardIterator;
    if (!NextShardIterator) state.closed = true;
  }

  const loop = (async () => {
    while (running) {
      const pollStart = Date.now();
      delivered = false;
      try {
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
        const streamArn = Table?.LatestStreamArn;
        if (streamArn) {
          const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
          for (const shard of StreamDescription?.Shards ?? []) await pollShard(streamArn, shard);
        }
      } catch (error) {
        if (running) options.log(`[${options.definition.name}] stream poll failed: ${(error as Error).message}`);
        delivered = true; // not known to be idle
      }
      busy = false;
      if (!delivered) lastEmptyPollStart = pollStart;
      await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
    }
  })();
  return {
    activity: () => ({ lastEmptyPollStart, busy }),
    async stop() {
      running = false;
      await loop;
    },
  };
}
