import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recipientKey } from '../../../src/domain/email-delivery';
import { maxThrottledDeliveries, remainderPlan, unsentPart } from '../../../src/functions/email-remainder';
import type { EmailMessage } from '../../../src/schemas/email-message';

const message = (to: string[]): EmailMessage => ({ idempotencyKey: 'reminder-1', to, subject: 'Reminder', text: 'x' });

/** The key each recipient's email is sent under, as deliverToEach keys it. */
const keysOf = (m: EmailMessage) =>
  new Map(
    m.to.map((address) => [address, m.to.length === 1 ? m.idempotencyKey : recipientKey(m.idempotencyKey, address)]),
  );

describe('unsentPart', () => {
  it('holds exactly the recipients not yet delivered, each under the key it had', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.emailAddress(), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (to, deliveredFlags) => {
          const original = message(to);
          const keys = keysOf(original);
          const delivered = new Set(to.filter((_, i) => deliveredFlags[i]).map((address) => keys.get(address)!));
          const rest = unsentPart(original, delivered);
          const unsent = to.filter((address) => !delivered.has(keys.get(address)!));
          if (unsent.length === 0) {
            expect(rest).toBeUndefined();
            return;
          }
          expect(rest).toBeDefined();
          // Every unsent recipient is in it, and nobody else who is not already delivered.
          expect(rest!.to.filter((address) => !delivered.has(keys.get(address)!))).toEqual(unsent);
          // Each recipient's email is keyed as before, so the ledger recognises what was sent.
          const restKeys = keysOf(rest!);
          for (const address of rest!.to) expect(restKeys.get(address)).toBe(keys.get(address));
          expect({ ...rest, to: [] }).toEqual({ ...original, to: [] });
        },
      ),
    );
  });
});

describe('remainderPlan', () => {
  it('puts a remainder left by the time, or after some emails went out, back at once', () => {
    expect(remainderPlan(3, { sent: 0, throttled: false })).toEqual({
      requeue: true,
      delaySeconds: 0,
      throttledDeliveries: 3,
    });
    expect(remainderPlan(3, { sent: 2, throttled: true })).toEqual({
      requeue: true,
      delaySeconds: 0,
      throttledDeliveries: 0,
    });
  });

  it('waits longer each time SES throttled and nothing went out, then fails it as any other error', () => {
    const delays: number[] = [];
    let count = 0;
    for (;;) {
      const plan = remainderPlan(count, { sent: 0, throttled: true });
      if (!plan.requeue) break;
      delays.push(plan.delaySeconds);
      count = plan.throttledDeliveries;
    }
    expect(count).toBe(maxThrottledDeliveries);
    expect(delays).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
  });
});
