import { createHash } from 'node:crypto';
import type { Clock } from './clock';
import type { EmailMessage } from './email-message';
import type { Suppression, SuppressionList } from './email-suppression';

/** Sends one email. The only implementation talks to SES; nothing else in the system does. */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/**
 * A key another attempt claimed at `claimedAt` and has not recorded as sent; nobody else may take it over before
 * `heldUntil` (the claim's lock).
 */
export interface HeldClaim {
  readonly claimedAt: Date;
  readonly heldUntil: Date;
}

export type ClaimResult = 'claimed' | 'already-sent' | HeldClaim;

/** Remembers which idempotency keys have been sent, so a redelivered message never sends twice. */
export interface SentEmailLedger {
  /** Claims the key until `lockedUntil` unless it is sent or its claim's lock has not run out (then: whose). */
  claim(key: string, now: Date, lockedUntil: Date): Promise<ClaimResult>;
  markSent(key: string, now: Date): Promise<void>;
  release(key: string): Promise<void>;
}

/** Another attempt holds the key's claim (`held`): try again later, never send now. */
export class DeliveryInProgressError extends Error {
  override readonly name = 'DeliveryInProgressError';

  constructor(
    readonly key: string,
    readonly held: HeldClaim,
  ) {
    super(`${key} is being sent (claimed at ${held.claimedAt.toISOString()})`);
  }
}

/** How long one attempt lives at most (the mailer's timeout): a claim younger than this may be a live attempt's. */
export const claimSeconds = 60;

/**
 * How long a claim keeps every other attempt off its key. An attempt older than claimSeconds that left its claim
 * either died, or sent and could not record it; then its key travels on the queue marked record-only, which keeps
 * trying for about 32 minutes (the put-back backoff, 2 s doubling to 900 s, ten times). Taking the key over before
 * that could send a second email; after it, the attempt most likely died before its send, and sending is the
 * right call (at-least-once). An email whose attempt died waits this long, a rare case (the mailer stops between
 * emails before its timeout).
 */
export const lockSeconds = 45 * 60;

/**
 * How long to wait before each further try at recording an email as sent after SES accepted it (the first try is
 * at once): about 1.5 s in all, so a throttled write gets the table's next seconds of capacity.
 */
export const recordRetryPausesMs = [100, 200, 400, 800] as const;

/** What delivering one email came to. 'sent-unrecorded': SES accepted it, the ledger refused to record that. */
export type DeliveryOutcome = 'sent' | 'sent-unrecorded' | 'duplicate';

/** What deliverOnce needs; `pause` waits between the tries at recording (real time unless a test says). */
export interface DeliveryDeps {
  readonly ledger: SentEmailLedger;
  readonly sender: EmailSender;
  readonly clock: Clock;
  readonly pause?: (ms: number) => Promise<void>;
}

const realPause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Records the key as sent, trying again after each of `recordRetryPausesMs` when the ledger refuses; false when
 * it refused every time. Never throws: the email is out either way, and the caller decides what the key needs.
 *
 * @example await recordSent(deps, 'reminder-1/5f3c…') // true
 */
export async function recordSent(deps: DeliveryDeps, key: string): Promise<boolean> {
  const pause = deps.pause ?? realPause;
  for (let attempt = 0; ; attempt++) {
    try {
      await deps.ledger.markSent(key, deps.clock.now());
      return true;
    } catch {
      const wait = recordRetryPausesMs[attempt];
      if (wait === undefined) return false;
      await pause(wait);
    }
  }
}

/**
 * Sends a message at most once per idempotency key, in the manner of Powertools' idempotency: a conditional claim
 * decides between racing attempts, and what SES accepted is never sent again because the ledger said "free".
 *
 *   attempt A (at t0)                        the key's ledger item              another delivery B of the key
 *   ─────────────────                        ─────────────────────              ─────────────────────────────
 *   claim ────────────────────────────────► sending, claimedAt t0,             HeldClaim: B puts the email back
 *                                             lockedUntil t0 + lockSeconds       on the queue, 60 s later while A
 *   send: SES accepts                                                            may live, else near the lock's end
 *   record as sent  ──────────────────────► sent                               'duplicate'
 *   (send fails: release) ────────────────► gone                               claims and sends
 *   record refused (throttled), retried ~1.5 s, still refused:
 *     → 'sent-unrecorded', counted as sent  sending (A is over after t0+60 s,  HeldClaim "old": B does not send,
 *     A's caller puts the key back on the     the lock keeps B off)              it waits for the lock
 *     queue marked "sent, record only" (the
 *     queue is not throttled with the table);
 *     that delivery only records ─────────► sent                               'duplicate'
 *   A dies between claim and record         sending until the lock ends        takes the key over and sends
 *                                                                              (at-least-once: A may have sent)
 *
 * So an email goes twice only when an attempt dies outright between SES and the ledger, or when the table refuses
 * its record through every marked put-back for longer than the lock; never because the table was merely busy.
 *
 * @example await deliverOnce({ ledger, sender, clock }, message) // 'sent' | 'sent-unrecorded' | 'duplicate'
 */
export async function deliverOnce(deps: DeliveryDeps, message: EmailMessage): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const key = message.idempotencyKey;
  const claim = await deps.ledger.claim(key, now, new Date(now.getTime() + lockSeconds * 1000));
  if (claim === 'already-sent') return 'duplicate';
  if (claim !== 'claimed') throw new DeliveryInProgressError(key, claim);
  try {
    await deps.sender.send(message);
  } catch (error) {
    await deps.ledger.release(key).catch(() => undefined);
    throw error;
  }
  return (await recordSent(deps, key)) ? 'sent' : 'sent-unrecorded';
}

/** What one attempt at a message achieved; `pending` recipients are left for the message's next delivery. */
export interface DeliveryReport {
  /** Emails SES accepted in this attempt, recorded in the ledger or not. */
  readonly sent: number;
  readonly duplicate: number;
  /** Recipients not sent to because their address is undeliverable (a permanent bounce or a complaint). */
  readonly suppressed: number;
  readonly pending: number;
  /** Emails out (in this attempt or an earlier one) whose key the ledger still refused to record as sent. */
  readonly unrecorded: number;
  /** Why recipients are pending: the errors met, one per recipient that failed (none when time ran out). */
  readonly errors: readonly unknown[];
}

/**
 * The idempotency key of one recipient's email from a message to several: the message's key and a digest of the
 * address, so the ledger and the logs never hold the address itself.
 * @example recipientKey('01J…', 'bo@example.com') // '01J…/5f3c…' (32 hex digits)
 */
export function recipientKey(messageKey: string, recipient: string): string {
  return `${messageKey}/${createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 32)}`;
}

/**
 * The key one recipient's email of `message` is sent under: the message's own key when it has one recipient,
 * recipientKey(message key, address) when it has several.
 * @example emailKey({ idempotencyKey: 'k', to: ['a@x.org'], … }, 'a@x.org') // 'k'
 */
export function emailKey(message: EmailMessage, recipient: string): string {
  return message.to.length === 1 ? message.idempotencyKey : recipientKey(message.idempotencyKey, recipient);
}

/** How many of a message's emails are sent at once: fast enough for 500 within the mailer's timeout. */
export const parallelSends = 8;

/** What delivering to one recipient came to; `suppression` says why an undeliverable address got nothing. */
export type RecipientOutcome = DeliveryOutcome | 'suppressed';

/** What deliverToEach needs: deliverOnce's dependencies and, when there is one, the list of undeliverable addresses. */
export interface DeliverToEachDeps extends DeliveryDeps {
  readonly suppressions?: Pick<SuppressionList, 'find'>;
}

/**
 * Sends a message to each of its recipients as an email of their own (nobody sees who else got it), each once
 * under its own key, a few at a time. A recipient whose address is undeliverable (`suppressions`) is skipped: not
 * a failure, nothing to send later. A failure for one recipient does not hold back the others, and when
 * `hasTimeFor()` says the time is nearly up (the Lambda's timeout), no further email is started: the recipients
 * not yet sent are reported `pending`, and the message's next delivery sends only those. The keys in
 * `sentUnrecorded` went out in an earlier attempt that could not record them: they are only recorded now,
 * never sent ('duplicate', or 'sent-unrecorded' again when the ledger still refuses). When the list of
 * undeliverable addresses cannot be read, nothing is sent and its error is the report's.
 *
 * @example await deliverToEach(deps, message, () => context.getRemainingTimeInMillis() > 5_000)
 *   // { sent: 497, duplicate: 2, suppressed: 1, pending: 0, unrecorded: 0, errors: [] }
 */
export async function deliverToEach(
  deps: DeliverToEachDeps,
  message: EmailMessage,
  hasTimeFor: () => boolean = () => true,
  onDelivered: (key: string, outcome: RecipientOutcome, suppression?: Suppression) => void = () => undefined,
  sentUnrecorded: ReadonlySet<string> = new Set(),
): Promise<DeliveryReport> {
  const counts = { sent: 0, duplicate: 0, suppressed: 0, unrecorded: 0 };
  let next = 0;
  const errors: unknown[] = [];
  let undeliverable: ReadonlyMap<string, Suppression>;
  try {
    undeliverable = deps.suppressions ? await deps.suppressions.find(message.to) : new Map();
  } catch (error) {
    return { sent: 0, duplicate: 0, suppressed: 0, pending: message.to.length, unrecorded: 0, errors: [error] };
  }
  const deliver = async (recipient: string, key: string): Promise<RecipientOutcome> => {
    if (sentUnrecorded.has(key)) return (await recordSent(deps, key)) ? 'duplicate' : 'sent-unrecorded';
    return deliverOnce(deps, { ...message, to: [recipient], idempotencyKey: key });
  };
  const worker = async () => {
    while (next < message.to.length && hasTimeFor()) {
      const recipient = message.to[next++] as string;
      const key = emailKey(message, recipient);
      const suppression = undeliverable.get(recipient.toLowerCase());
      if (suppression && !sentUnrecorded.has(key)) {
        counts.suppressed += 1;
        onDelivered(key, 'suppressed', suppression);
        continue;
      }
      try {
        const outcome = await deliver(recipient, key);
        if (outcome === 'sent-unrecorded') counts.unrecorded += 1;
        if (outcome === 'duplicate' || sentUnrecorded.has(key)) counts.duplicate += 1;
        else counts.sent += 1;
        onDelivered(key, outcome);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelSends, message.to.length) }, worker));
  const { sent, duplicate, suppressed } = counts;
  return { ...counts, pending: message.to.length - sent - duplicate - suppressed, errors };
}
