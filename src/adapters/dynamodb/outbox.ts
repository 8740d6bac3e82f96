import { randomUUID } from 'node:crypto';
import type { Notification } from '../../domain/notifications';
import { keys } from './keys';
import type { TransactionStep } from './transactions';

/** How long an outbox item stays after it is written; the relay reads it from the stream within seconds. */
const outboxDays = 7;

/**
 * The transaction step that records a notification in the outbox. It goes in the same TransactWriteItems as the
 * change that causes it; the stream relay sends it on. Its id (random unless given) becomes the email's
 * idempotency key.
 */
export function outboxStep(
  tableName: string,
  notification: Notification,
  now: Date,
  id: string = randomUUID(),
): TransactionStep {
  return {
    write: {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.outbox(id),
          type: 'Outbox',
          outboxId: id,
          notification,
          createdAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + outboxDays * 24 * 3600,
        },
      },
    },
  };
}
