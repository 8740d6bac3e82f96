import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SentEmailLedger } from '../../domain/email-delivery';
import { documentClient } from './document-client';
import { keys } from './keys';

const key = keys.sentEmail;
/** How long a sent key is remembered: far longer than SQS keeps a message (14 days at most). */
const rememberSeconds = 15 * 24 * 3600;

/** The ledger of sent emails as items `EMAIL#<key>` / `SENT`, expired by the table's TTL. */
export function dynamoSentEmailLedger(tableName: string): SentEmailLedger {
  return {
    async claim(idempotencyKey, now, lockedUntil) {
      // The key is free when nobody has it, or when an attempt claimed it and died (its lock ran out).
      const keyIsFree = 'attribute_not_exists(pk)';
      const claimExpired = '(#status = :sending AND lockedUntil < :now)';
      try {
        await documentClient().send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key(idempotencyKey),
              type: 'SentEmail',
              status: 'sending',
              claimedAt: now.toISOString(),
              lockedUntil: lockedUntil.toISOString(),
              expiresAt: Math.floor(now.getTime() / 1000) + rememberSeconds,
            },
            ConditionExpression: `${keyIsFree} OR ${claimExpired}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':sending': 'sending', ':now': now.toISOString() },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        if (error.Item?.status?.S === 'sent') return 'already-sent';
        // Held: when it was claimed, and until when its lock keeps others off (items from before claimedAt was
        // written count as just claimed).
        const { claimedAt, lockedUntil } = error.Item ?? {};
        return {
          claimedAt: claimedAt?.S ? new Date(claimedAt.S) : now,
          heldUntil: lockedUntil?.S ? new Date(lockedUntil.S) : now,
        };
      }
    },
    async markSent(idempotencyKey, now) {
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(idempotencyKey),
          UpdateExpression: 'SET #status = :sent, sentAt = :now REMOVE lockedUntil, claimedAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':now': now.toISOString() },
        }),
      );
    },
    async release(idempotencyKey) {
      await documentClient().send(
        new DeleteCommand({
          TableName: tableName,
          Key: key(idempotencyKey),
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending' },
        }),
      );
    },
  };
}
