import { createHash } from 'node:crypto';
import type { Clock } from './clock';
import type { EmailMessage } from './email-message';
import type { Suppression, SuppressionList } from './email-suppression';

/** Sends one email. The only implementation talks to SES; nothing else in the system does. */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

export type ClaimResult = 'claimed' | 'already-sent' | 'in-progress';

/** Remembers which idempotency keys have been sent, so a redelivered message never sends twice. */
export interface SentEmailLedger {
  /** Claims the key until `lockedUntil` unless it is sent or claimed by a live attempt. */
  claim(key: string, now: Date, lockedUntil: Date): Promise<ClaimResult>;
  markSent(key: string, now: Date): Promise<void>;
  release(key: string): Promise<void>;
}

export class DeliveryInProgressError extends Error {
  override readonly name = 'DeliveryInProgressError';
}

/** How long one attempt may hold a key before another attempt may take it over. */
export const claimSeconds = 60;

/**
 * Sends a message at most once per idempotency key (unless an attempt dies between sending and recording,
 * after which the claim expires and the message is sent again: at-least-once, never silently lost).
 *
 *   claim ──► send ──► markSent          a redelivery after markSent      → 'duplicate'
 *     │         └─ fails ─► release       a redelivery while claimed       → DeliveryInProgressError (retry later)
 *     └─ taken                            a redelivery after claim expired → sends
 *
 * @example await deliverOnce({ ledger, sender, clock }, message) // 'sent' | 'duplicate'
 */
export async function deliverOnce(
  deps: { ledger: SentEmailLedger; sender: EmailSender; clock: Clock },
  message: EmailMessage,
): Promise<'sent' | 'duplicate'> {
  const now = deps.clock.now();
  const claim = await deps.ledger.claim(message.idempotencyKey, now, new Date(now.getTime() + claimSeconds * 1000));
  if (claim === 'already-sent') return 'duplicate';
  if (claim === 'in-progress') throw new DeliveryInProgressError(`${message.idempotencyKey} is being sent`);
  try {
    await deps.sender.send(message);
  } catch (error) {
    await deps.ledger.release(message.idempotencyKey).catch(() => undefined);
    throw error;
  }
  await deps.ledger.markSent(message.idempotencyKey, deps.clock.now());
  return 'sent';
}

/** What one attempt at a message achieved; `pending` recipients are left for the message's next delivery. */
export interface DeliveryReport {
  readonly sent: number;
  readonly duplicate: number;
  /** Recipients not sent to because their address is undeliverable (a permanent bounce or a complaint). */
  readonly suppressed: number;
  readonly pending: number;
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

/** How many of a message's emails are sent at once: fast enough for 500 within the mailer's timeout. */
export const parallelSends = 8;

/** What delivering to one recipient came to; `suppression` says why an undeliverable address got nothing. */
export type RecipientOutcome = 'sent' | 'duplicate' | 'suppressed';

/**
 * Sends a message to each of its recipients as an email of their own (nobody sees who else got it), each once
 * under its own key, a few at a time. A recipient whose address is undeliverable (`suppressions`) is skipped: not
 * a failure, nothing to send later. A failure for one recipient does not hold back the others, and when
 * `hasTimeFor()` says the time is nearly up (the Lambda's timeout), no further email is started: the recipients
 * not yet sent are reported `pending`, and the message's next delivery sends only those.
 *
 * @example await deliverToEach(deps, message, () => context.getRemainingTimeInMillis() > 5_000)
 *   // { sent: 497, duplicate: 2, suppressed: 1, pending: 0, errors: [] }
 */
export async function deliverToEach(
  deps: {
    ledger: SentEmailLedger;
    sender: EmailSender;
    clock: Clock;
    suppressions?: Pick<SuppressionList, 'find'>;
  },
  message: EmailMessage,
  hasTimeFor: () => boolean = () => true,
  onDelivered: (key: string, outcome: RecipientOutcome, suppression?: Suppression) => void = () => undefined,
): Promise<DeliveryReport> {
  let sent = 0;
  let duplicate = 0;
  let suppressed = 0;
  let next = 0;
  const errors: unknown[] = [];
  const single = message.to.length === 1;
  const undeliverable = deps.suppressions ? await deps.suppressions.find(message.to) : new Map<string, Suppression>();
  const worker = async () => {
    while (next < message.to.length && hasTimeFor()) {
      const recipient = message.to[next++] as string;
      const key = single ? message.idempotencyKey : recipientKey(message.idempotencyKey, recipient);
      const suppression = undeliverable.get(recipient.toLowerCase());
      if (suppression) {
        suppressed += 1;
        onDelivered(key, 'suppressed', suppression);
        continue;
      }
      try {
        const outcome = await deliverOnce(deps, { ...message, to: [recipient], idempotencyKey: key });
        if (outcome === 'sent') sent += 1;
        else duplicate += 1;
        onDelivered(key, outcome);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelSends, message.to.length) }, worker));
  return { sent, duplicate, suppressed, pending: message.to.length - sent - duplicate - suppressed, errors };
}
