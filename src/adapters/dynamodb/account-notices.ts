import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountNotices } from '../../domain/accounts';
import type { Clock } from '../../domain/clock';
import { documentClient } from './document-client';
import { outboxItem } from './outbox';

/**
 * Account notices through the outbox, like every other email. At most one notice of a kind goes to an address
 * per hour (the outbox id is derived from both), so repeated sign-ups with someone's address cannot flood them.
 */
export function dynamoAccountNotices(tableName: string, clock: Clock): AccountNotices {
  return {
    async registrationAttempted(to) {
      const now = clock.now();
      const address = createHash('sha256').update(to.email).digest('hex').slice(0, 32);
      const id = `registration-attempted-${address}-${now.toISOString().slice(0, 13)}`;
      const Item = outboxItem([{ kind: 'registration-attempted', to }], now, id);
      try {
        await documentClient().send(
          new PutCommand({ TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
