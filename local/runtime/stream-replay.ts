import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionDefinition } from '../../src/manifest';
import type { AnyHandler } from './handlers';
import { invoke } from './invocation';
import { lambdaStreamEvent, selectedRecords } from './stream-poller';

/** What Lambda's on-failure destination holds for a stream batch: where its records are, not the records. */
interface StreamFailure {
  readonly DDBStreamBatchInfo: {
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    readonly streamArn: string;
  };
}

/** The records of a shard from `start` to `end` (sequence numbers, inclusive), read back from the stream. */
async function recordsBetween(streams: DynamoDBStreamsClient, info: StreamFailure['DDBStreamBatchInfo']) {
  const { ShardIterator } = await streams.send(
    new GetShardIteratorCommand({
      StreamArn: info.streamArn,
      ShardId: info.shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: info.startSequenceNumber,
    }),
  );
  const end = BigInt(info.endSequenceNumber);
  const found: _Record[] = [];
  for (let iterator = ShardIterator; iterator;) {
    const { Records = [], NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    for (const record of Records) {
      if (BigInt(record.dynamodb?.SequenceNumber ?? '0') > end) return found;
      found.push(record);
    }
    if (Records.length === 0) return found; // the end of what the shard holds now
    iterator = NextShardIterator;
  }
  return found;
}

/**
 * Re-drives what a stream consumer's on-failure queue holds: each message names a shard and a sequence range; those
 * records (still in the stream, which keeps them 24 hours) are read back, filtered as the event source filters
 * them, and delivered to the function once more. A message is deleted only when its batch succeeded; one that
 * fails again stays in the queue (hidden for the queue's visibility timeout).
 */
export async function replayStreamFailures(options: {
  definition: FunctionDefinition;
  handler: AnyHandler;
  failureQueueUrl: string;
}): Promise<{ replayed: number; failed: number }> {
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  const streams = new DynamoDBStreamsClient({});
  const { trigger } = options.definition;
  const filters = trigger.kind === 'dynamodb-stream' ? trigger.filters : undefined;
  let replayed = 0;
  let failed = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: options.failureQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return { replayed, failed };
    for (const message of Messages) {
      try {
        const { DDBStreamBatchInfo: info } = JSON.parse(message.Body ?? '{}') as StreamFailure;
        const records = selectedRecords(await recordsBetween(streams, info), filters);
        await invoke(options.definition, options.handler, lambdaStreamEvent(info.streamArn, records));
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl: options.failureQueueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
        replayed++;
      } catch {
        failed++;
      }
    }
  }
}
