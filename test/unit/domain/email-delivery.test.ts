import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock';
import type { ClaimResult, EmailSender, SentEmailLedger } from '../../../src/domain/email-delivery';
import { DeliveryInProgressError, deliverOnce } from '../../../src/domain/email-delivery';
import type { EmailMessage } from '../../../src/schemas/email-message';

/** An in-memory ledger with the same rules as the DynamoDB one. */
function memoryLedger(): SentEmailLedger & { entries: Map<string, { status: string; lockedUntil?: Date }> } {
  const entries = new Map<string, { status: string; lockedUntil?: Date }>();
  return {
    entries,
    async claim(key, now, lockedUntil): Promise<ClaimResult> {
      const entry = entries.get(key);
      if (entry?.status === 'sent') return 'already-sent';
      if (entry && entry.lockedUntil && entry.lockedUntil >= now) return 'in-progress';
      entries.set(key, { status: 'sending', lockedUntil });
      return 'claimed';
    },
    async markSent(key) {
      entries.set(key, { status: 'sent' });
    },
    async release(key) {
      entries.delete(key);
    },
  };
}

const message: EmailMessage = { idempotencyKey: 'k1', to: ['a@example.com'], subject: 'Hi', text: 'Hello' };
const clock = fixedClock(new Date('2026-11-24T12:00:00Z'));

describe('deliverOnce', () => {
  it('sends once and reports the second delivery of the same key as a duplicate', async () => {
    const sent: EmailMessage[] = [];
    const sender: EmailSender = { send: async (m) => void sent.push(m) };
    const ledger = memoryLedger();
    await expect(deliverOnce({ ledger, sender, clock }, message)).resolves.toBe('sent');
    await expect(deliverOnce({ ledger, sender, clock }, message)).resolves.toBe('duplicate');
    expect(sent).toHaveLength(1);
  });

  it('releases the key when sending fails, so the retry sends', async () => {
    let attempts = 0;
    const sender: EmailSender = {
      send: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('SES hiccup');
      },
    };
    const ledger = memoryLedger();
    await expect(deliverOnce({ ledger, sender, clock }, message)).rejects.toThrow('SES hiccup');
    await expect(deliverOnce({ ledger, sender, clock }, message)).resolves.toBe('sent');
    expect(attempts).toBe(2);
  });

  it('refuses to send while another attempt holds a live claim, and takes over an expired one', async () => {
    const ledger = memoryLedger();
    const sender: EmailSender = { send: async () => undefined };
    await ledger.claim('k1', clock.now(), new Date(clock.now().getTime() + 60_000));
    await expect(deliverOnce({ ledger, sender, clock }, message)).rejects.toThrow(DeliveryInProgressError);
    const later = fixedClock(new Date(clock.now().getTime() + 61_000));
    await expect(deliverOnce({ ledger, sender, clock: later }, message)).resolves.toBe('sent');
  });
});
