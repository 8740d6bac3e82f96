import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Notification } from '../../domain/notifications';
import { keys } from './keys';
import type { TransactionStep } from './transactions';

/** How long an outbox item stays after it is written; the relay reads it from the stream within seconds. */
const outboxDays = 7;

/**
 * An outbox item: the notifications of one change, kept until the relay has read them from the stream. They are
 * stored gzipped: the notifications of one change repeat the same performance and slot, so two of them fit in one
 * 1 KB write unit instead of two items of one each.
 */
export function outboxItem(
  notifications: readonly Notification[],
  now: Date,
  id: string = randomUUID(),
): Record<string, unknown> {
  return {
    ...keys.outbox(id),
    type: 'Outbox',
    outboxId: id,
    notifications: gzipSync(JSON.stringify(notifications)),
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + outboxDays * 24 * 3600,
  };
}

/**
 * The transaction step that records a change's notifications in the outbox. It goes in the same TransactWriteItems
 * as the change that causes them; the stream relay sends them on. Its id (random unless given) makes the emails'
 * idempotency keys (see {@link readOutboxItem}).
 */
export function outboxStep(
  tableName: string,
  notifications: readonly Notification[],
  now: Date,
  id: string = randomUUID(),
): TransactionStep {
  return { write: { Put: { TableName: tableName, Item: outboxItem(notifications, now, id) } } };
}

/** One notification of an outbox item, with the key its emails' idempotency keys derive from. */
export interface OutboxEntry {
  readonly notification: Notification;
  readonly key: string;
}

/**
 * The notifications of an outbox item as the stream delivers it (binary as bytes, or as base64 in a Lambda event),
 * each with its key: the item's id for the first, `<id>+<n>` for the others. An item written with a single plain
 * `notification` (before items held several) reads as one entry.
 */
export function readOutboxItem(item: Record<string, unknown>): { createdAt: Date; entries: OutboxEntry[] } {
  const id = String(item.outboxId);
  const packed = item.notifications;
  const notifications: Notification[] = packed
    ? JSON.parse(
        gunzipSync(typeof packed === 'string' ? Buffer.from(packed, 'base64') : (packed as Uint8Array)).toString(),
      )
    : [item.notification as Notification];
  return {
    createdAt: new Date(String(item.createdAt)),
    entries: notifications.map((notification, n) => ({ notification, key: n === 0 ? id : `${id}+${n}` })),
  };
}
