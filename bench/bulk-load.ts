import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../src/adapters/dynamodb/document-client';

/**
 * Writes items straight into a table with BatchWriteItem (25 a call, `parallel` calls at a time), retrying what
 * DynamoDB leaves unprocessed. Returns the items written per second.
 */
export async function bulkWrite(
  tableName: string,
  items: readonly Record<string, unknown>[],
  parallel = 16,
): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const batch = items.slice(next, next + 25);
      next += 25;
      let pending: Record<string, unknown>[] = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length; attempt++) {
        const { UnprocessedItems } = await documentClient().send(
          new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }),
        );
        pending = (UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
        if (pending.length) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return items.length / ((performance.now() - started) / 1000);
}
