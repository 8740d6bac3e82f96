import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { outboxItem, readOutboxItem } from '../../../src/adapters/dynamodb/outbox';
import type { Notification } from '../../../src/domain/notifications';
import { itemSize } from '../../../bench/item-size';
import { performance, performer } from '../domain/decisions/fixtures';
import { signUp } from '../../../src/domain/sign-up-decisions';

const now = new Date('2027-01-05T00:00:00Z');
const { notifications } = signUp(
  { performance, ownerTimeZone: 'Europe/London' },
  performer(),
  { signUpId: 'su-1', slotId: 's1', characterIds: ['hamlet'] },
  now,
);

describe('the outbox item', () => {
  it('holds all the notifications of a change, each keyed by the item id and its place', () => {
    const item = outboxItem(notifications, now, 'o1');
    expect(readOutboxItem(item)).toEqual({
      createdAt: now,
      entries: notifications.map((notification, n) => ({ notification, key: n ? `o1+${n}` : 'o1' })),
    });
  });

  it('reads the same from a Lambda stream event, where binary arrives as base64', () => {
    const item = outboxItem(notifications, now, 'o1');
    const asEvent = { ...item, notifications: Buffer.from(item.notifications as Uint8Array).toString('base64') };
    expect(readOutboxItem(asEvent)).toEqual(readOutboxItem(item));
  });

  it('reads an item written with one plain notification, as before', () => {
    const notification: Notification = { kind: 'registration-attempted', to: { email: 'a@example.com', name: 'A' } };
    const legacy = { outboxId: 'o2', notification, createdAt: now.toISOString() };
    expect(readOutboxItem(legacy).entries).toEqual([{ notification, key: 'o2' }]);
  });

  it('keeps a sign-up’s two notifications within one 1 KB write unit', () => {
    expect(notifications).toHaveLength(2);
    expect(itemSize(outboxItem(notifications, now))).toBeLessThanOrEqual(1024);
  });
});
