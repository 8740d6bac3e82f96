import type { BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Suppression, SuppressionList } from '../../domain/email-suppression';
import { documentClient } from './document-client';
import { keys } from './keys';

/**
 * Undeliverable addresses as one item per address (`UNDELIVERABLE#<digest>` / `SUPPRESSION`), kept until someone
 * removes it: a mailbox that does not exist, or a reader who complained, does not change by itself.
 */
export function dynamoSuppressionList(tableName: string): SuppressionList {
  return {
    async suppress(suppression) {
      await documentClient().send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.suppression(suppression.email), type: 'Suppression', ...suppression },
        }),
      );
    },
    async find(emails) {
      const addresses = [...new Set(emails.map((email) => email.toLowerCase()))];
      const found = new Map<string, Suppression>();
      // BatchGetItem reads at most 100 keys a call and may leave some unprocessed (read again, after a pause).
      for (let i = 0; i < addresses.length; i += 100) {
        let pending: Record<string, unknown>[] | undefined = addresses.slice(i, i + 100).map(keys.suppression);
        for (let attempt = 0; pending?.length; attempt++) {
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
          const result: BatchGetCommandOutput = await documentClient().send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }),
          );
          for (const item of result.Responses?.[tableName] ?? []) {
            const { email, reason, detail, since, feedbackId } = item as Suppression;
            found.set(email, { email, reason, detail, since, ...(feedbackId ? { feedbackId } : {}) });
          }
          pending = result.UnprocessedKeys?.[tableName]?.Keys;
          if (pending?.length && attempt >= 5) throw new Error('DynamoDB left suppression reads unprocessed');
        }
      }
      return found;
    },
  };
}
