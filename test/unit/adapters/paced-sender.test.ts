import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isThrottling, pacedSender, SendDeferredError } from '../../../src/adapters/ses/paced-sender';
import type { EmailMessage } from '../../../src/schemas/email-message';

const email = (n: number): EmailMessage => ({
  idempotencyKey: `k${n}`,
  to: [`p${n}@example.com`],
  subject: 'Reminder',
  text: 'Tomorrow',
});

const throttled = () =>
  Object.assign(new Error('Maximum sending rate exceeded.'), {
    name: 'TooManyRequestsException',
    $metadata: { httpStatusCode: 429 },
  });

/** A stand-in for SES that records when each email reached it, failing the calls `fails` picks. */
function fakeSes(fails: (call: number) => Error | undefined = () => undefined) {
  const sentAt: number[] = [];
  let calls = 0;
  return {
    sentAt,
    calls: () => calls,
    async send() {
      const failure = fails(++calls);
      if (failure) throw failure;
      sentAt.push(Date.now());
    },
  };
}

/** Runs the sends at once and lets the fake clock run until all have settled. */
async function sendAll(sender: { send(m: EmailMessage): Promise<void> }, count: number) {
  const outcomes = Promise.allSettled(Array.from({ length: count }, (_, n) => sender.send(email(n))));
  await vi.runAllTimersAsync();
  return outcomes;
}

describe('pacedSender', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never sends faster than its share of the rate, and starts no send after the latest start', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(1, 14, 50),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 0, max: 30_000 }),
        async (count, ratePerSecond, concurrency, timeLeftMs) => {
          vi.setSystemTime(1_000_000);
          const start = Date.now();
          const ses = fakeSes();
          const sender = pacedSender(ses, { ratePerSecond, concurrency, latestStart: start + timeLeftMs });
          const outcomes = await sendAll(sender, count);
          const interval = (1000 * concurrency) / ratePerSecond;
          const slots = Math.floor(timeLeftMs / Math.ceil(interval));
          // Each invocation waits one interval before its first send, so back-to-back invocations keep the pace too.
          expect(ses.sentAt.every((at) => at >= start + interval && at <= start + timeLeftMs)).toBe(true);
          ses.sentAt.forEach((at, i) => i > 0 && expect(at - ses.sentAt[i - 1]!).toBeGreaterThanOrEqual(interval));
          // Every email is either sent once, or deferred without reaching SES.
          const deferred = outcomes.filter((o) => o.status === 'rejected');
          expect(ses.sentAt.length + deferred.length).toBe(count);
          expect(ses.calls()).toBe(ses.sentAt.length);
          for (const o of deferred)
            expect((o as PromiseRejectedResult).reason).toMatchObject({ reason: 'out-of-time' });
          // As many as the time allows are sent.
          expect(ses.sentAt.length).toBe(Math.min(count, slots));
          expect(sender.accepting()).toBe(count < slots);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('retries a throttled send with growing pauses, and later sends wait behind it', async () => {
    const ses = fakeSes((call) => (call <= 2 ? throttled() : undefined));
    const start = Date.now();
    const sender = pacedSender(ses, { ratePerSecond: 10, concurrency: 2, latestStart: start + 60_000 });
    const [first] = await sendAll(sender, 1);
    expect(first?.status).toBe('fulfilled');
    // Tried at 200 ms: throttled; again 1 s later: throttled; again 2 s later: sent.
    expect(ses.calls()).toBe(3);
    expect(ses.sentAt.map((at) => at - start)).toEqual([3_200]);
    await sendAll(sender, 2);
    expect(ses.sentAt.map((at) => at - start)).toEqual([3_200, 3_400, 3_600]);
  });

  it('defers once SES has throttled four times in a row, and every later send without calling SES', async () => {
    const ses = fakeSes(throttled);
    const start = Date.now();
    const sender = pacedSender(ses, { ratePerSecond: 10, concurrency: 2, latestStart: start + 60_000 });
    const outcomes = await sendAll(sender, 3);
    const reasons = outcomes.map((o) => (o as PromiseRejectedResult).reason as SendDeferredError);
    expect(reasons.every((r) => r instanceof SendDeferredError && r.reason === 'throttled')).toBe(true);
    expect(reasons.some((r) => (r.cause as Error | undefined)?.name === 'TooManyRequestsException')).toBe(true);
    // Four tries in all (the SDK retried each already), whichever emails they were for.
    expect(ses.calls()).toBe(4);
    expect(sender.deferred()).toBe('throttled');
    expect(sender.accepting()).toBe(false);
    await expect(sender.send(email(9))).rejects.toBeInstanceOf(SendDeferredError);
    expect(ses.calls()).toBe(4);
  });

  it('passes any other failure on unchanged, without retrying it', async () => {
    const refused = Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' });
    const ses = fakeSes(() => refused);
    const sender = pacedSender(ses, { ratePerSecond: 10, concurrency: 2, latestStart: Date.now() + 60_000 });
    const [outcome] = await sendAll(sender, 1);
    expect((outcome as PromiseRejectedResult).reason).toBe(refused);
    expect(ses.calls()).toBe(1);
    expect(sender.accepting()).toBe(true);
  });
});

describe('isThrottling', () => {
  it('knows SES v2 throttling by the error name or HTTP 429, and nothing else', () => {
    for (const name of ['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'LimitExceededException']) {
      expect(isThrottling(Object.assign(new Error('x'), { name })), name).toBe(true);
    }
    expect(isThrottling({ name: 'Unknown', $metadata: { httpStatusCode: 429 } })).toBe(true);
    for (const name of ['MessageRejected', 'SendingPausedException', 'BadRequestException', 'InternalFailure']) {
      expect(isThrottling(Object.assign(new Error('x'), { name, $metadata: { httpStatusCode: 400 } })), name).toBe(
        false,
      );
    }
    expect(isThrottling(undefined)).toBe(false);
  });
});
