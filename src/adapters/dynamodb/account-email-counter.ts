import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountEmailCounter } from '../../domain/account-email-limit';
import { documentClient } from './document-client';
import { keys } from './keys';

/** A counter outlives its hour by a day, for anyone looking into a complaint; then the table's TTL removes it. */
const keptSeconds = 24 * 3600;

/**
 * The account emails of each address per hour, as one counter item per address and hour. Taking one is a single
 * conditional update (`emails < limit`), so concurrent sign-ups can never count past the limit.
 */
export function dynamoAccountEmailCounter(tableName: string): AccountEmailCounter {
  return {
    async take(email, { window, endsAt }, limit) {
      try {
        await documentClient().send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.accountEmails(email, window),
            UpdateExpression: 'ADD emails :one SET #type = :type, expiresAt = :expiresAt',
            ConditionExpression: 'attribute_not_exists(emails) OR emails < :limit',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: {
              ':one': 1,
              ':limit': limit,
              ':type': 'AccountEmails',
              ':expiresAt': Math.floor(endsAt.getTime() / 1000) + keptSeconds,
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async giveBack(email, { window }) {
      try {
        await documentClient().send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.accountEmails(email, window),
            UpdateExpression: 'ADD emails :minusOne',
            ConditionExpression: 'emails > :zero',
            ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
