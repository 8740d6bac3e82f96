import type { Clock } from './clock';
import type { EmailMessage } from '../schemas/email-message';

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
