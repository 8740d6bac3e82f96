import type { BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../../domain/errors';
import { documentClient } from './document-client';

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** DynamoDB accepts at most this many puts and deletes in one BatchWriteItem call. */
export const maxBatchItems = 25;
const unprocessedAttempts = 8;

/**
 * Puts and deletes items without a transaction (each costs its own size once, not twice), 25 a call. What
 * DynamoDB leaves unprocessed (throughput) is sent again with jittered backoff; if it stays unprocessed, or a
 * whole call is refused, the error is thrown, so a stream consumer's invocation fails and is delivered again.
 * Only for writes that are safe to repeat and need no condition.
 *
 * @example await batchWrite(table, [{ PutRequest: { Item: entry } }, { DeleteRequest: { Key: key } }])
 */
export async function batchWrite(tableName: string, requests: readonly WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += maxBatchItems) {
    let pending = requests.slice(i, i + maxBatchItems);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
      const { UnprocessedItems } = await documentClient().send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = UnprocessedItems?.[tableName] ?? [];
      if (pending.length > 0 && attempt >= unprocessedAttempts) {
        throw new ServiceUnavailableError('We are busy; try again in a few seconds.', 2);
      }
    }
  }
}
