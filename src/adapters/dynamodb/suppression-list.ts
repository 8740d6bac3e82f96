import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Suppression, SuppressionList } from '../../domain/email-suppression';
import { batchGet } from './batch-get';
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
      for (const item of await batchGet(tableName, addresses.map(keys.suppression))) {
        const { email, reason, detail, since, feedbackId } = item as unknown as Suppression;
        found.set(email, { email, reason, detail, since, ...(feedbackId ? { feedbackId } : {}) });
      }
      return found;
    },
  };
}
