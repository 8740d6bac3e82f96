import type { BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
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

/**
 * Deletes every item of partition `pk` whose sort key begins with `skPrefix`, as read (strongly consistent) from
 * the partition rather than deleted blindly by key, a page at a time. Safe to repeat.
 *
 * @example await deleteItemsWithPrefix(table, 'PERF#p1', 'SEARCH#')
 */
export async function deleteItemsWithPrefix(tableName: string, pk: string, skPrefix: string): Promise<void> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await documentClient().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    await batchWrite(
      tableName,
      Items.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })),
    );
    startKey = LastEvaluatedKey;
  } while (startKey);
}
