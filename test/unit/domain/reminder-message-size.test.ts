import { describe, expect, it } from 'vitest';
import { emailsFor } from '../../../src/domain/notification-emails';
import type { Notification } from '../../../src/domain/notifications';
import { maxSlotCapacity } from '../../../src/schemas/common';
import { emailMessage } from '../../../src/schemas/email-message';

/** SQS refuses a message body larger than this. */
const sqsMessageLimit = 256 * 1024;

describe('the reminder of a full slot', () => {
  it('is one valid queue message within SQS’s size limit, even at the longest addresses and texts', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    // 254 characters: the longest address the API accepts.
    const address = (i: number) =>
      `${String(i).padStart(3, '0')}.${'a'.repeat(60)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    const wide = (n: number) => '語'.repeat(n); // three bytes each in UTF-8
    const notification: Notification = {
      kind: 'reminder',
      // Every performer in another zone: the email then lists the time in each of them.
      to: Array.from({ length: maxSlotCapacity }, (_, i) => ({
        name: wide(100),
        email: address(i),
        timeZone: zones[i % zones.length] ?? 'UTC',
      })),
      performance: {
        performanceId: 'p1',
        title: wide(200),
        venue: { name: wide(200), address: wide(500), city: wide(100), country: 'GB', timeZone: 'Europe/London' },
        director: { name: wide(100), email: address(999) },
      },
      slot: {
        slotId: 's1',
        startsAt: '2031-01-15T10:00:00.000Z',
        durationMinutes: 30,
        location: { name: wide(200), address: wide(500) },
      },
    };
    expect(address(1)).toHaveLength(254);
    const webBaseUrl = `https://${'a'.repeat(63)}.${'b'.repeat(63)}.example.org`;
    const messages = emailsFor(
      notification,
      '01JABCDEFGHJKMNPQRSTVWXYZ0',
      new Date('2031-01-14T19:00:00Z'),
      webBaseUrl,
    );
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(emailMessage.parse(message).to).toHaveLength(maxSlotCapacity);
    expect(Buffer.byteLength(JSON.stringify(message), 'utf8')).toBeLessThanOrEqual(sqsMessageLimit);
  });
});
