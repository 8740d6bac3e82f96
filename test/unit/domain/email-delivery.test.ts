import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock';
import type { ClaimResult, EmailSender, SentEmailLedger } from '../../../src/domain/email-delivery';
import {
  DeliveryInProgressError,
  deliverOnce,
  deliverToEach,
  recipientKey,
  recordRetryPausesMs,
} from '../../../src/domain/email-delivery';
import type { EmailMessage } from '../../../src/schemas/email-message';

/** An in-memory ledger with the same rules as the DynamoDB one. */
function memoryLedger(): SentEmailLedger & {
  entries: Map<string, { status: string; claimedAt?: Date; lockedUntil?: Date }>;
} {
  const entries = new Map<string, { status: string; claimedAt?: Date; lockedUntil?: Date }>();
  return {
    entries,
    async claim(key, now, lockedUntil): Promise<ClaimResult> {
      const entry = entries.get(key);
      if (entry?.status === 'sent') return 'already-sent';
      if (entry?.claimedAt && entry.lockedUntil && entry.lockedUntil >= now) {
        return { claimedAt: entry.claimedAt, heldUntil: entry.lockedUntil };
      }
      entries.set(key, { status: 'sending', claimedAt: now, lockedUntil });
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
    const held = await deliverOnce({ ledger, sender, clock }, message).catch((error: unknown) => error);
    expect(held).toBeInstanceOf(DeliveryInProgressError);
    expect(held).toMatchObject({
      key: 'k1',
      held: { claimedAt: clock.now(), heldUntil: new Date(clock.now().getTime() + 60_000) },
    });
    const later = fixedClock(new Date(clock.now().getTime() + 61_000));
    await expect(deliverOnce({ ledger, sender, clock: later }, message)).resolves.toBe('sent');
  });
});

describe('deliverOnce when the ledger refuses to record what SES accepted', () => {
  const refusing = (refusals: number) => {
    const ledger = memoryLedger();
    let calls = 0;
    const markSent = ledger.markSent.bind(ledger);
    ledger.markSent = async (key, now) => {
      calls += 1;
      if (calls <= refusals)
        throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
      await markSent(key, now);
    };
    return { ledger, calls: () => calls };
  };
  const pauses: number[] = [];
  const pause = async (ms: number) => void pauses.push(ms);

  it('retries the record and reports a plain send when a retry gets through', async () => {
    const { ledger, calls } = refusing(2);
    const sender: EmailSender = { send: async () => undefined };
    await expect(deliverOnce({ ledger, sender, clock, pause }, message)).resolves.toBe('sent');
    expect(calls()).toBe(3);
    expect(ledger.entries.get('k1')?.status).toBe('sent');
  });

  it('reports sent-unrecorded after every try is refused, keeps the claim and never releases it to be sent again', async () => {
    pauses.length = 0;
    const { ledger, calls } = refusing(Infinity);
    const sent: EmailMessage[] = [];
    const sender: EmailSender = { send: async (m) => void sent.push(m) };
    await expect(deliverOnce({ ledger, sender, clock, pause }, message)).resolves.toBe('sent-unrecorded');
    expect(sent).toHaveLength(1);
    expect(calls()).toBe(recordRetryPausesMs.length + 1);
    expect(pauses).toEqual([...recordRetryPausesMs]);
    expect(ledger.entries.get('k1')?.status).toBe('sending');
    // A second copy while the claim lives backs off; it does not send.
    await expect(deliverOnce({ ledger, sender, clock, pause }, message)).rejects.toThrow(DeliveryInProgressError);
    expect(sent).toHaveLength(1);
  });
});

describe('deliverToEach', () => {
  const many = (n: number): EmailMessage => ({
    idempotencyKey: 'reminder-1',
    to: Array.from({ length: n }, (_, i) => `p${i}@example.com`),
    subject: 'Reminder',
    text: 'Tomorrow',
  });

  it('skips the undeliverable recipients, reports them suppressed (not pending) with why, and sends the rest', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.nat({ max: 19 }), { maxLength: 20 }), async (bounced) => {
        const sent: EmailMessage[] = [];
        const sender: EmailSender = { send: async (m) => void sent.push(m) };
        // Upper case in the message: addresses are compared without case.
        const undeliverable = new Map(
          bounced.map((i) => [
            `p${i}@example.com`,
            { email: `p${i}@example.com`, reason: 'bounce' as const, detail: 'General', since: '2026-11-01T00:00:00Z' },
          ]),
        );
        const message = { ...many(20), to: many(20).to.map((to) => to.toUpperCase()) };
        const skipped: string[] = [];
        const report = await deliverToEach(
          { ledger: memoryLedger(), sender, clock, suppressions: { find: async () => undeliverable } },
          message,
          undefined,
          (key, outcome, suppression) => {
            if (outcome === 'suppressed') skipped.push(`${key} ${suppression?.reason}`);
          },
        );
        expect(report).toMatchObject({ sent: 20 - bounced.length, suppressed: bounced.length, pending: 0 });
        expect(sent.map((m) => m.to[0]?.toLowerCase()).sort()).toEqual(
          many(20)
            .to.filter((to) => !undeliverable.has(to))
            .sort(),
        );
        expect(skipped.every((line) => line.endsWith(' bounce'))).toBe(true);
        expect(skipped).toHaveLength(bounced.length);
      }),
      { numRuns: 30 },
    );
  });

  it('sends one email per recipient, each to that recipient alone', async () => {
    const sent: EmailMessage[] = [];
    const sender: EmailSender = { send: async (m) => void sent.push(m) };
    const report = await deliverToEach({ ledger: memoryLedger(), sender, clock }, many(500));
    expect(report).toMatchObject({ sent: 500, duplicate: 0, pending: 0 });
    expect(sent.every((m) => m.to.length === 1)).toBe(true);
    expect(new Set(sent.map((m) => m.to[0])).size).toBe(500);
  });

  it('keys each recipient’s email without their address', () => {
    const key = recipientKey('reminder-1', 'p1@example.com');
    expect(key).toMatch(/^reminder-1\/[0-9a-f]{32}$/);
    expect(key).not.toContain('example');
    expect(recipientKey('reminder-1', 'P1@Example.com')).toBe(key);
  });

  it('sends each recipient exactly once over any number of attempts cut short by time or failing sends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { maxLength: 100 }),
        async (recipients, budgets, failures) => {
          const message = many(recipients);
          const ledger = memoryLedger();
          const sent: string[] = [];
          let call = 0;
          const sender: EmailSender = {
            send: async (m) => {
              call += 1;
              if (failures[call]) throw new Error('SES hiccup');
              sent.push(m.to[0] ?? '');
            },
          };
          // Each attempt has time for a few emails (the Lambda's timeout), then the message comes back.
          for (const budget of [...budgets, Infinity, Infinity, Infinity]) {
            let started = 0;
            const report = await deliverToEach({ ledger, sender, clock }, message, () => started++ < budget);
            expect(report.sent + report.duplicate + report.pending).toBe(recipients);
            if (report.pending === 0 && failures.slice(call + 1).every((f) => !f)) break;
          }
          let last = await deliverToEach({ ledger, sender, clock }, message);
          while (last.pending > 0) last = await deliverToEach({ ledger, sender, clock }, message);
          expect(sent.toSorted()).toEqual(message.to.toSorted());
        },
      ),
    );
  });
  it('only records the emails an earlier delivery sent and could not record: sends them never', async () => {
    const sent: string[] = [];
    const sender: EmailSender = { send: async (m) => void sent.push(m.to[0] ?? '') };
    const ledger = memoryLedger();
    const message = many(3);
    const earlier = new Set([recipientKey('reminder-1', 'p1@example.com')]);
    const outcomes: string[] = [];
    const report = await deliverToEach(
      { ledger, sender, clock },
      message,
      undefined,
      (_k, o) => void outcomes.push(o),
      earlier,
    );
    expect(sent.toSorted()).toEqual(['p0@example.com', 'p2@example.com']);
    expect(report).toMatchObject({ sent: 2, duplicate: 1, pending: 0, unrecorded: 0 });
    expect(ledger.entries.get(recipientKey('reminder-1', 'p1@example.com'))?.status).toBe('sent');
  });

  it('sends nothing and reports every recipient pending when the undeliverable list cannot be read', async () => {
    const sent: EmailMessage[] = [];
    const sender: EmailSender = { send: async (m) => void sent.push(m) };
    const busy = Object.assign(new Error('busy'), { name: 'ServiceUnavailableError' });
    const report = await deliverToEach(
      { ledger: memoryLedger(), sender, clock, suppressions: { find: async () => Promise.reject(busy) } },
      many(4),
    );
    expect(report).toMatchObject({ sent: 0, pending: 4, errors: [busy] });
    expect(sent).toHaveLength(0);
  });
});
