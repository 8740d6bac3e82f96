import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ServiceUnavailableError } from '../../domain/errors';
import { documentClient } from './document-client';

export type TransactWriteItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface TransactionStep {
  readonly write: TransactWriteItem;
  /** The error to raise when this step's condition fails; it gets the item as it was (if the step asked for it). */
  readonly onConditionFailed?: (existing: Record<string, unknown> | undefined) => Error;
}

/** DynamoDB accepts at most this many items in one TransactWriteItems call. */
export const maxTransactionItems = 100;
const conflictAttempts = 8;

/**
 * Writes all steps atomically. When a condition fails, the first failing step's `onConditionFailed` decides the
 * error, so the database, not an `if` after a read, decides races such as the last place in a slot. When
 * DynamoDB cancels because another transaction touched the same item at the same moment, it retries with
 * jittered backoff; if the contention lasts, the caller gets a 503 to retry later.
 *
 * @example await transact([{ write: { Update: … }, onConditionFailed: () => new SlotFullError('…') }, …])
 */
export async function transact(steps: readonly TransactionStep[]): Promise<void> {
  if (steps.length > maxTransactionItems) throw new Error(`A transaction of ${steps.length} items is too large`);
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient().send(new TransactWriteCommand({ TransactItems: steps.map((s) => s.write) }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0) {
        const step = steps[failed];
        const existing = reasons[failed]?.Item ? unmarshall(reasons[failed].Item) : undefined;
        throw step?.onConditionFailed?.(existing) ?? error;
      }
      // Cancelled for throughput (the table or an index is over its provisioned capacity): busy, not broken.
      if (reasons.some((r) => r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded')) {
        throw new ServiceUnavailableError('We are busy; try again in a few seconds.', 2, { cause: error });
      }
      const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
      if (!conflict) throw error;
      if (attempt >= conflictAttempts) {
        throw new ServiceUnavailableError('Many people are doing this at once; try again in a moment.', 1, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}
