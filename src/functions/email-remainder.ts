import { recipientKey } from '../domain/email-delivery';
import type { EmailMessage } from '../schemas/email-message';

/**
 * What is left of a message after an attempt that delivered (sent, or found sent) the emails under the keys in
 * `delivered`; undefined when nothing is. Every email keeps its idempotency key: a message to one is keyed by its
 * own key, an email of a message to several by recipientKey(message key, address). So a remainder of a message
 * to several keeps at least two recipients: when one is left, one already delivered comes along, and the ledger
 * skips it as a duplicate.
 *
 * @example unsentPart({ idempotencyKey: 'r1', to: ['a@x.org', 'b@x.org', 'c@x.org'], … }, new Set([recipientKey('r1', 'a@x.org')]))
 *   // { idempotencyKey: 'r1', to: ['b@x.org', 'c@x.org'], … }
 */
export function unsentPart(message: EmailMessage, delivered: ReadonlySet<string>): EmailMessage | undefined {
  if (message.to.length === 1) return delivered.has(message.idempotencyKey) ? undefined : message;
  const isDelivered = (address: string) => delivered.has(recipientKey(message.idempotencyKey, address));
  const unsent = message.to.filter((address) => !isDelivered(address));
  if (unsent.length === 0) return undefined;
  const companion = unsent.length === 1 ? message.to.filter(isDelivered).slice(0, 1) : [];
  return { ...message, to: [...companion, ...unsent] };
}

/** The message attribute counting the deliveries in a row in which SES throttled and nothing was sent. */
export const throttledDeliveriesAttribute = 'throttledDeliveries';

/**
 * Deliveries in a row in which SES throttled and nothing was sent, before the remainder is no longer put back
 * but fails as any other error does (retried maxReceiveCount times, then dead-lettered, with an alarm): with the
 * pauses below, about half an hour of SES refusing everything.
 */
export const maxThrottledDeliveries = 10;

/** SQS's longest message delay. */
const maxDelaySeconds = 900;

export type RemainderPlan =
  | { readonly requeue: true; readonly delaySeconds: number; readonly throttledDeliveries: number }
  | { readonly requeue: false };

/**
 * Whether, and after how long, the remainder of a message goes back on the queue as a new message. A remainder
 * left by the timeout, or by SES's rate after some emails went out, goes back at once; one where SES throttled and
 * nothing went out goes back after a pause that doubles each time (2 s, 4 s, … up to 900 s), until
 * `maxThrottledDeliveries` such deliveries in a row.
 *
 * @example remainderPlan(0, { sent: 0, throttled: true }) // { requeue: true, delaySeconds: 2, throttledDeliveries: 1 }
 */
export function remainderPlan(
  throttledBefore: number,
  attempt: { readonly sent: number; readonly throttled: boolean },
): RemainderPlan {
  if (!attempt.throttled || attempt.sent > 0) {
    return { requeue: true, delaySeconds: 0, throttledDeliveries: attempt.sent > 0 ? 0 : throttledBefore };
  }
  const throttledDeliveries = throttledBefore + 1;
  if (throttledDeliveries > maxThrottledDeliveries) return { requeue: false };
  return { requeue: true, delaySeconds: Math.min(maxDelaySeconds, 2 ** throttledDeliveries), throttledDeliveries };
}
