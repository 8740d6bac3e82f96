import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailKey, recipientKey } from '../../../src/domain/email-delivery';
import type { DeliveryState } from '../../../src/functions/email-remainder';
import {
  heldDelaySeconds,
  maxThrottledDeliveries,
  partFor,
  putBackPlan,
  remainderPlan,
  sentUnrecordedKeys,
} from '../../../src/functions/email-remainder';
import type { EmailMessage } from '../../../src/schemas/email-message';

const message = (to: string[]): EmailMessage => ({ idempotencyKey: 'reminder-1', to, subject: 'Reminder', text: 'x' });

/** The key each recipient's email is sent under, as deliverToEach keys it. */
const keysOf = (m: EmailMessage) => new Map(m.to.map((address) => [address, emailKey(m, address)]));

const now = new Date('2026-11-24T12:00:00Z');
const state = (overrides: Partial<DeliveryState>): DeliveryState => ({
  done: new Set(),
  held: new Map(),
  unrecorded: new Set(),
  sent: 0,
  throttled: false,
  failed: false,
  ...overrides,
});

describe('partFor', () => {
  it('holds exactly the recipients asked for, each under the key it had', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.emailAddress(), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (to, picked) => {
          const original = message(to);
          const keys = keysOf(original);
          const recipients = to.filter((_, i) => picked[i]);
          const part = partFor(original, recipients);
          if (recipients.length === 0) {
            expect(part).toBeUndefined();
            return;
          }
          expect(part!.to).toEqual(recipients);
          // Each recipient's email is keyed as before, so the ledger recognises what was sent.
          for (const [address, key] of keysOf(part!)) expect(key).toBe(keys.get(address));
          expect({ ...part, to: [], idempotencyKey: '' }).toEqual({ ...original, to: [], idempotencyKey: '' });
        },
      ),
    );
  });

  it('sends one recipient of a message to several back under that recipient’s own key', () => {
    const part = partFor(message(['a@example.com', 'b@example.com']), ['b@example.com']);
    expect(part).toMatchObject({ idempotencyKey: recipientKey('reminder-1', 'b@example.com'), to: ['b@example.com'] });
  });
});

describe('sentUnrecordedKeys', () => {
  it('reads the places the attribute names, ignoring what is not a place in the message', () => {
    const m = message(['a@example.com', 'b@example.com', 'c@example.com']);
    expect(sentUnrecordedKeys(m, '0,2,7,x,-1,')).toEqual(
      new Set([recipientKey('reminder-1', 'a@example.com'), recipientKey('reminder-1', 'c@example.com')]),
    );
    expect(sentUnrecordedKeys(m, undefined)).toEqual(new Set());
    expect(sentUnrecordedKeys(message(['a@example.com']), '0')).toEqual(new Set(['reminder-1']));
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

  it('waits longer each time SES or the table throttled and nothing went out, then fails it as any other error', () => {
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

describe('heldDelaySeconds', () => {
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  it('waits a claim’s life while the attempt may live, then for its lock, in steps SQS allows', () => {
    // Claimed 10 s ago: maybe a live attempt, which records or lets go within a minute.
    expect(heldDelaySeconds({ claimedAt: at(-10), heldUntil: at(2690) }, now)).toBe(60);
    // Claimed 2 minutes ago: the attempt is over and left its claim; wait for the lock.
    expect(heldDelaySeconds({ claimedAt: at(-120), heldUntil: at(2580) }, now)).toBe(900);
    expect(heldDelaySeconds({ claimedAt: at(-2600), heldUntil: at(100) }, now)).toBe(101);
    expect(heldDelaySeconds({ claimedAt: at(-2600), heldUntil: at(5) }, now)).toBe(60);
  });
});

describe('putBackPlan', () => {
  const to = ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com'];
  const m = message(to);
  const [a, b, c, d] = to.map((address) => recipientKey('reminder-1', address)) as [string, string, string, string];

  it('puts nothing back and lets the message go when every email is done', () => {
    expect(putBackPlan(m, state({ done: new Set([a, b, c, d]), sent: 4 }), 0, now)).toEqual({
      fail: false,
      putBack: [],
    });
  });

  it('puts the table-throttled rest back after a pause, counting the throttled deliveries', () => {
    const plan = putBackPlan(m, state({ done: new Set([a]), throttled: true }), 2, now);
    expect(plan.fail).toBe(false);
    expect(plan.putBack).toEqual([
      { message: { ...m, to: to.slice(1) }, delaySeconds: 8, attributes: { throttledDeliveries: '3' } },
    ]);
  });

  it('puts a recipient held by another attempt back apart, under its own key, after the claim', () => {
    const plan = putBackPlan(
      m,
      state({
        done: new Set([a, b]),
        held: new Map([[c, { claimedAt: now, heldUntil: new Date(now.getTime() + 2_700_000) }]]),
        sent: 2,
      }),
      0,
      now,
    );
    expect(plan).toEqual({
      fail: false,
      putBack: [
        {
          message: { ...m, idempotencyKey: d, to: ['d@example.com'] },
          delaySeconds: 0,
          attributes: { throttledDeliveries: '0' },
        },
        {
          message: { ...m, idempotencyKey: c, to: ['c@example.com'] },
          delaySeconds: 60,
          attributes: { throttledDeliveries: '0' },
        },
      ],
    });
  });

  it('marks emails sent but not recorded, so their delivery only records them', () => {
    const plan = putBackPlan(
      m,
      state({ done: new Set([a, c]), unrecorded: new Set([b, d]), sent: 4, throttled: true }),
      0,
      now,
    );
    expect(plan.putBack).toEqual([
      {
        message: { ...m, to: ['b@example.com', 'd@example.com'] },
        delaySeconds: 0,
        attributes: { throttledDeliveries: '0', sentUnrecorded: '0,1' },
      },
    ]);
    const [only] = plan.putBack;
    expect(sentUnrecordedKeys(only!.message, only!.attributes.sentUnrecorded)).toEqual(new Set([b, d]));
  });

  it('fails a message with an error of its own, putting back only what is sent but not recorded', () => {
    const plan = putBackPlan(m, state({ done: new Set([a]), unrecorded: new Set([b]), sent: 2, failed: true }), 0, now);
    expect(plan).toEqual({
      fail: true,
      putBack: [
        {
          message: { ...m, idempotencyKey: b, to: ['b@example.com'] },
          delaySeconds: 2,
          attributes: { throttledDeliveries: '1', sentUnrecorded: '0' },
        },
      ],
    });
  });

  it('fails the message after too many throttled deliveries in a row', () => {
    const plan = putBackPlan(m, state({ throttled: true }), maxThrottledDeliveries, now);
    expect(plan).toEqual({ fail: true, putBack: [] });
  });

  it('never loses an email: each not done goes back exactly once, or the message fails', () => {
    const outcome = fc.constantFrom('done', 'held', 'unrecorded', 'pending');
    fc.assert(
      fc.property(
        fc.array(outcome, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat({ max: 12 }),
        (outcomes, throttled, failed, before) => {
          const recipients = outcomes.map((_, i) => `p${i}@example.com`);
          const msg = message(recipients);
          const key = (i: number) => emailKey(msg, recipients[i]!);
          const pick = (wanted: string) => outcomes.flatMap((o, i) => (o === wanted ? [key(i)] : []));
          const s = state({
            done: new Set(pick('done')),
            held: new Map(pick('held').map((k) => [k, { claimedAt: now, heldUntil: now }])),
            unrecorded: new Set(pick('unrecorded')),
            throttled,
            failed,
          });
          const plan = putBackPlan(msg, s, before, now);
          const back = plan.putBack.flatMap((p) => p.message.to.map((address) => emailKey(p.message, address)));
          expect(new Set(back).size).toBe(back.length);
          const marked = plan.putBack.flatMap((p) => [...sentUnrecordedKeys(p.message, p.attributes.sentUnrecorded)]);
          expect(new Set(marked)).toEqual(new Set(pick('unrecorded').filter((k) => back.includes(k))));
          if (plan.fail) expect(new Set(back)).toEqual(new Set(pick('unrecorded')));
          else expect(new Set(back)).toEqual(new Set([...pick('held'), ...pick('unrecorded'), ...pick('pending')]));
        },
      ),
    );
  });
});
