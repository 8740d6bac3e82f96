import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../../domain/errors';
import { documentClient } from './document-client';

/** DynamoDB reads at most this many keys in one BatchGetItem call. */
const maxBatchKeys = 100;
const unprocessedAttempts = 6;

/** How a batch read reads: strongly consistent or not, and only the attributes named (all when none). */
export interface BatchGetOptions {
  readonly consistentRead?: boolean;
  readonly attributes?: readonly string[];
}

/**
 * Reads the items at these keys, 100 a call; keys with no item are left out (the order is not kept). What
 * DynamoDB leaves unprocessed (throughput) is asked again with jittered backoff; if it stays unprocessed the read
 * fails with ServiceUnavailableError (503, Retry-After) rather than dropping items silently.
 *
 * @example const items = await batchGet(table, userIds.map(keys.profile), { consistentRead: true })
 */
export async function batchGet(
  tableName: string,
  itemKeys: readonly Record<string, unknown>[],
  options: BatchGetOptions = {},
): Promise<Record<string, unknown>[]> {
  const names = options.attributes && Object.fromEntries(options.attributes.map((name, i) => [`#a${i}`, name]));
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < itemKeys.length; i += maxBatchKeys) {
    let pending = itemKeys.slice(i, i + maxBatchKeys);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > unprocessedAttempts)
        throw new ServiceUnavailableError('We are busy; try again in a few seconds.', 2);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await documentClient().send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: [...pending],
              ConsistentRead: options.consistentRead,
              ...(names && { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names }),
            },
          },
        }),
      );
      found.push(...(Responses?.[tableName] ?? []));
      pending = UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return found;
}
