import type { SQSRecord } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PacedSender } from '../../../src/adapters/ses/paced-sender';
import { SendDeferredError } from '../../../src/adapters/ses/paced-sender';
import type { ClaimResult, SentEmailLedger } from '../../../src/domain/email-delivery';
import { ServiceUnavailableError } from '../../../src/domain/errors';
import type { MailerDeps } from '../../../src/functions/delivery';
import { deliverQueuedMessage } from '../../../src/functions/delivery';
import { logger } from '../../../src/functions/logger';
import type { EmailMessage } from '../../../src/schemas/email-message';

/**
 * A model of the mailer loop: the email queue (delays, visibility timeout, five receives before the dead-letter
 * queue), a ledger and a suppression list that DynamoDB throttles at random while its capacity is short, and SES
 * that throttles or fails now and then, all on a simulated clock. Whatever the faults, each recipient gets the
 * email exactly once and nothing is dead-lettered, also when the relay queued the message twice.
 */

const visibilitySeconds = 360;
const maxReceives = 5;

interface Queued {
  readonly id: number;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  visibleAt: number;
  receives: number;
}

/** A small seeded generator, so fast-check can shrink and replay a run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const throttling = () =>
  Object.assign(new Error('Throughput exceeds the provisioned capacity'), {
    name: 'ProvisionedThroughputExceededException',
  });

interface Faults {
  readonly seed: number;
  /** Until when (simulated seconds) the table is short of capacity. */
  readonly shortUntil: number;
  readonly claim: number;
  readonly record: number;
  readonly release: number;
  readonly find: number;
  readonly sesThrottle: number;
  /** SES errors of the email's own (not throttling), at most this many in the run. */
  readonly sesFailures: number;
  readonly recipients: number;
  /** When (simulated seconds) the relay's second copy of the message is queued, if it queues one. */
  readonly copyAt: number | undefined;
}

async function run(faults: Faults) {
  const chance = random(faults.seed);
  let now = 0;
  const short = (p: number) => now < faults.shortUntil * 1000 && chance() < p;
  const entries = new Map<string, { status: string; claimedAt?: Date; lockedUntil?: Date }>();
  const ledger: SentEmailLedger = {
    async claim(key, at, lockedUntil): Promise<ClaimResult> {
      if (short(faults.claim)) throw throttling();
      const entry = entries.get(key);
      if (entry?.status === 'sent') return 'already-sent';
      if (entry?.claimedAt && entry.lockedUntil && entry.lockedUntil >= at) {
        return { claimedAt: entry.claimedAt, heldUntil: entry.lockedUntil };
      }
      entries.set(key, { status: 'sending', claimedAt: at, lockedUntil });
      return 'claimed';
    },
    async markSent(key) {
      if (short(faults.record)) throw throttling();
      entries.set(key, { status: 'sent' });
    },
    async release(key) {
      if (short(faults.release)) throw throttling();
      if (entries.get(key)?.status === 'sending') entries.delete(key);
    },
  };
  const queue: Queued[] = [];
  const deadLetters: Queued[] = [];
  let ids = 0;
  const enqueue = (body: string, attributes: Record<string, string>, delaySeconds: number) =>
    queue.push({ id: ids++, body, attributes, visibleAt: now + delaySeconds * 1000, receives: 0 });
  const deps: MailerDeps = {
    ledger,
    suppressions: {
      async find() {
        if (short(faults.find)) throw new ServiceUnavailableError('We are busy; try again in a few seconds.', 2);
        return new Map();
      },
    },
    clock: { now: () => new Date(now) },
    requeue: async (message, { delaySeconds, attributes }) => {
      enqueue(JSON.stringify(message), attributes, delaySeconds);
    },
    pause: async (ms) => {
      now += ms;
    },
  };
  const sent: string[] = [];
  let sesFailures = 0;
  /** One invocation's sender, as pacedSender behaves once SES keeps throttling: it defers every further send. */
  const sender = (): PacedSender => {
    let deferred: 'throttled' | undefined;
    return {
      accepting: () => deferred === undefined,
      deferred: () => deferred,
      async send(message) {
        if (deferred || (now < faults.shortUntil * 1000 && chance() < faults.sesThrottle)) {
          deferred = 'throttled';
          throw new SendDeferredError('throttled');
        }
        if (sesFailures < faults.sesFailures && chance() < 0.2) {
          sesFailures += 1;
          throw Object.assign(new Error('SES is unavailable'), { name: 'ServiceUnavailable' });
        }
        now += 50;
        sent.push(message.to[0] ?? '');
      },
    };
  };

  const to = Array.from({ length: faults.recipients }, (_, i) => `p${i}@example.com`);
  const message: EmailMessage = { idempotencyKey: 'reminder-1', to, subject: 'Reminder', text: 'Tomorrow' };
  enqueue(JSON.stringify(message), {}, 0);
  if (faults.copyAt !== undefined) enqueue(JSON.stringify(message), {}, faults.copyAt);

  for (let step = 0; queue.length > 0; step++) {
    if (step > 2_000) throw new Error('the queue never drained');
    queue.sort((a, b) => a.visibleAt - b.visibleAt || a.id - b.id);
    const next = queue[0]!;
    now = Math.max(now, next.visibleAt);
    next.receives += 1;
    const record = {
      messageId: String(next.id),
      body: next.body,
      messageAttributes: Object.fromEntries(
        Object.entries(next.attributes).map(([name, value]) => [name, { stringValue: value, dataType: 'String' }]),
      ),
    } as unknown as SQSRecord;
    try {
      await deliverQueuedMessage(record, sender(), deps);
      queue.shift();
    } catch {
      next.visibleAt = now + visibilitySeconds * 1000;
      if (next.receives >= maxReceives) deadLetters.push(queue.shift()!);
    }
    now += 1_000;
  }
  return { to, sent, deadLetters };
}

describe('the mailer loop under throttling', () => {
  let level: string;
  beforeAll(() => {
    level = logger.getLevelName();
    logger.setLogLevel('SILENT');
  });
  afterAll(() => logger.setLogLevel(level as 'INFO'));

  // Now and then the table refuses every call of a kind for the whole shortage.
  const probability = fc.oneof(fc.double({ min: 0, max: 0.7, noNaN: true }), fc.constant(1));
  const faults: fc.Arbitrary<Faults> = fc.record({
    seed: fc.integer(),
    // Up to 25 minutes: longer than five receives 6 minutes apart, shorter than ten throttled put-backs in a row.
    shortUntil: fc.integer({ min: 0, max: 1_500 }),
    claim: probability,
    record: probability,
    release: probability,
    find: probability,
    sesThrottle: fc.double({ min: 0, max: 0.3, noNaN: true }),
    sesFailures: fc.integer({ min: 0, max: 2 }),
    recipients: fc.integer({ min: 1, max: 12 }),
    copyAt: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  });

  it('sends each recipient the email exactly once and dead-letters nothing', async () => {
    await fc.assert(
      fc.asyncProperty(faults, async (f) => {
        const { to, sent, deadLetters } = await run(f);
        expect(deadLetters).toEqual([]);
        expect(sent.toSorted()).toEqual(to.toSorted());
      }),
      { numRuns: 150 },
    );
  });

  it('sends once when the table refuses every record for two minutes and the relay queued the message twice', async () => {
    const { to, sent } = await run({
      seed: 7,
      shortUntil: 120,
      claim: 0,
      record: 1,
      release: 0,
      find: 0,
      sesThrottle: 0,
      sesFailures: 0,
      recipients: 4,
      copyAt: 30,
    });
    expect(sent.toSorted()).toEqual(to.toSorted());
  });
});
