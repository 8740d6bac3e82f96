import type { HeldClaim } from '../domain/email-delivery';
import { claimSeconds, emailKey, recipientKey } from '../domain/email-delivery';
import type { EmailMessage } from '../schemas/email-message';

/**
 * The part of a message for some of its recipients, each email keeping the idempotency key it had: a message to
 * one is keyed by its own key, an email of a message to several by recipientKey(message key, address). So a part
 * for one recipient of a message to several is keyed by that recipient's key ("under its own key"), and a part
 * for several keeps the message's key. Undefined when `recipients` is empty.
 *
 * @example partFor({ idempotencyKey: 'r1', to: ['a@x.org', 'b@x.org', 'c@x.org'], … }, ['b@x.org'])
 *   // { idempotencyKey: recipientKey('r1', 'b@x.org'), to: ['b@x.org'], … }
 */
export function partFor(message: EmailMessage, recipients: readonly string[]): EmailMessage | undefined {
  if (recipients.length === 0) return undefined;
  if (message.to.length === 1) return message;
  const [only] = recipients;
  if (recipients.length === 1 && only !== undefined) {
    return { ...message, idempotencyKey: recipientKey(message.idempotencyKey, only), to: [only] };
  }
  return { ...message, to: [...recipients] };
}

/** The message attribute counting the deliveries in a row in which SES or the table throttled and nothing was sent. */
export const throttledDeliveriesAttribute = 'throttledDeliveries';

/**
 * The message attribute listing the recipients (their places in `to`, comma-separated) whose email an earlier
 * delivery sent and could not record as sent: their delivery records them, and never sends them.
 */
export const sentUnrecordedAttribute = 'sentUnrecorded';

/**
 * The keys a message's `sentUnrecorded` attribute names; places out of range or not numbers are ignored.
 * @example sentUnrecordedKeys({ idempotencyKey: 'k', to: ['a@x.org', 'b@x.org'], … }, '1') // Set { recipientKey('k', 'b@x.org') }
 */
export function sentUnrecordedKeys(message: EmailMessage, attribute: string | undefined): Set<string> {
  const places = (attribute ?? '').split(',').filter((place) => /^\d+$/.test(place));
  const recipients = places.map((place) => message.to[Number(place)]).filter((to) => to !== undefined);
  return new Set(recipients.map((recipient) => emailKey(message, recipient)));
}

/**
 * Deliveries in a row in which SES or the table throttled and nothing was sent, before the remainder is no longer
 * put back but fails as any other error does (retried maxReceiveCount times, then dead-lettered, with an alarm):
 * with the pauses below, about half an hour of refusals.
 */
export const maxThrottledDeliveries = 10;

/** SQS's longest message delay. */
const maxDelaySeconds = 900;

export type RemainderPlan =
  | { readonly requeue: true; readonly delaySeconds: number; readonly throttledDeliveries: number }
  | { readonly requeue: false };

/**
 * Whether, and after how long, the remainder of a message goes back on the queue as a new message. A remainder
 * left by the timeout, or by throttling after some emails went out, goes back at once; one where SES or the table
 * throttled and nothing went out goes back after a pause that doubles each time (2 s, 4 s, … up to 900 s), until
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

/**
 * How long to wait before trying again a key whose claim another attempt holds: a claim younger than an attempt's
 * life (claimSeconds) may be a live attempt's, which records the email or lets the key go within that time, so a
 * claim's life; an older claim's attempt is over without recording, so wait for its lock (the key may be on the
 * queue marked record-only), in steps of SQS's longest delay. Never less than a claim's life.
 *
 * @example heldDelaySeconds({ claimedAt: now, heldUntil: in45Minutes }, now) // 60
 */
export function heldDelaySeconds(held: HeldClaim, now: Date): number {
  const age = now.getTime() - held.claimedAt.getTime();
  if (age < claimSeconds * 1000) return claimSeconds;
  const remaining = Math.ceil((held.heldUntil.getTime() - now.getTime()) / 1000) + 1;
  return Math.min(maxDelaySeconds, Math.max(claimSeconds, remaining));
}

/** Where one delivery of a message left each of its emails. */
export interface DeliveryState {
  /** Keys that need nothing more: sent and recorded, found sent, or undeliverable. */
  readonly done: ReadonlySet<string>;
  /** Keys whose claim another attempt holds, with that claim. */
  readonly held: ReadonlyMap<string, HeldClaim>;
  /** Keys whose email is out (now or earlier) but not recorded as sent in the ledger. */
  readonly unrecorded: ReadonlySet<string>;
  /** Emails SES accepted in this delivery. */
  readonly sent: number;
  /** Whether SES or the table throttled, so the rest waits rather than retries at once. */
  readonly throttled: boolean;
  /** Whether an email failed for a reason of its own: the message fails, for SQS to deliver it again. */
  readonly failed: boolean;
}

/** A new message for the queue: what is left of the delivered one, visible after `delaySeconds`. */
export interface PutBack {
  readonly message: EmailMessage;
  readonly delaySeconds: number;
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * What goes back on the queue after a delivery, and whether the delivered message fails (is not deleted, so SQS
 * delivers it again and counts the receive). The emails not done go back, the held ones apart (delayed past
 * their claim), the rest after `remainderPlan`'s pause, each part marking the emails that are out but not yet
 * recorded. When the message fails anyway (another error, or throttled too often in a row) only the unrecorded
 * go back, so their record is not left to a later copy of the message that would find the claim lapsed.
 *
 * @example putBackPlan(message, { done, held: new Map(), unrecorded: new Set(), sent: 0, throttled: true, failed: false }, 0, now)
 *   // { fail: false, putBack: [{ message: rest, delaySeconds: 2, attributes: { throttledDeliveries: '1' } }] }
 */
export function putBackPlan(
  message: EmailMessage,
  state: DeliveryState,
  throttledBefore: number,
  now: Date,
): { readonly fail: boolean; readonly putBack: readonly PutBack[] } {
  const keyOf = (recipient: string) => emailKey(message, recipient);
  const part = (recipients: readonly string[], delaySeconds: number, throttledDeliveries: number): PutBack[] => {
    const partMessage = partFor(message, recipients);
    if (!partMessage) return [];
    const places = partMessage.to.flatMap((to, place) => (state.unrecorded.has(keyOf(to)) ? [place] : []));
    const attributes: Record<string, string> = { [throttledDeliveriesAttribute]: String(throttledDeliveries) };
    if (places.length > 0) attributes[sentUnrecordedAttribute] = places.join(',');
    return [{ message: partMessage, delaySeconds, attributes }];
  };
  const held = message.to.filter((to) => state.held.has(keyOf(to)));
  const rest = message.to.filter((to) => !state.done.has(keyOf(to)) && !state.held.has(keyOf(to)));
  const plan = remainderPlan(throttledBefore, state);
  if (state.failed || (rest.length > 0 && !plan.requeue)) {
    const unrecorded = message.to.filter((to) => state.unrecorded.has(keyOf(to)));
    const recordOnly = remainderPlan(0, { sent: 0, throttled: true });
    return { fail: true, putBack: recordOnly.requeue ? part(unrecorded, recordOnly.delaySeconds, 1) : [] };
  }
  const restPlan = plan.requeue ? plan : { delaySeconds: 0, throttledDeliveries: throttledBefore };
  const heldDelay = Math.max(0, ...[...state.held.values()].map((claim) => heldDelaySeconds(claim, now)));
  return {
    fail: false,
    putBack: [
      ...part(rest, restPlan.delaySeconds, restPlan.throttledDeliveries),
      ...part(held, heldDelay, throttledBefore),
    ],
  };
}
