/**
 * Addresses that must not get email any more: SES reported a permanent bounce (the mailbox does not exist) or a
 * complaint (the reader marked our email as spam). Sending to them again harms the account's reputation, and SES
 * pauses an account whose bounce or complaint rate grows; so the mailer skips them, and the person sees why in
 * their profile.
 */

export type UndeliverableReason = 'bounce' | 'complaint';

/** One address marked undeliverable, and why. */
export interface Suppression {
  /** The address, in lower case. */
  readonly email: string;
  readonly reason: UndeliverableReason;
  /** SES's own words for it: the bounce sub-type (`General`, `NoEmail`, …) or the complaint's feedback type. */
  readonly detail: string;
  /** When SES saw the bounce or complaint (ISO 8601). */
  readonly since: string;
  /** SES's id of the notification, to find it in SES's own records. */
  readonly feedbackId?: string;
}

/** What SES reported, as read from its notification (`src/schemas/ses-notification.ts`). */
export type SesFeedback =
  | {
      readonly kind: 'bounce';
      /** `Permanent`, `Transient` or `Undetermined`. */
      readonly bounceType: string;
      readonly bounceSubType?: string;
      readonly recipients: readonly string[];
      readonly timestamp: string;
      readonly feedbackId?: string;
    }
  | {
      readonly kind: 'complaint';
      readonly feedbackType?: string;
      readonly recipients: readonly string[];
      readonly timestamp: string;
      readonly feedbackId?: string;
    }
  /** A delivery, send, open, … notification: nothing to do. */
  | { readonly kind: 'other'; readonly type: string };

/**
 * The addresses a notification makes undeliverable: every recipient of a permanent bounce or of a complaint. A
 * transient bounce (a full mailbox, an auto-reply) or an undetermined one suppresses nothing: SES retried it and
 * a later email may well arrive.
 *
 * @example suppressionsFrom({ kind: 'bounce', bounceType: 'Permanent', bounceSubType: 'General',
 *   recipients: ['Ann@example.com'], timestamp: '2026-11-30T09:00:00Z' })
 *   // [{ email: 'ann@example.com', reason: 'bounce', detail: 'General', since: '2026-11-30T09:00:00Z' }]
 */
export function suppressionsFrom(feedback: SesFeedback): Suppression[] {
  if (feedback.kind === 'other') return [];
  if (feedback.kind === 'bounce' && feedback.bounceType !== 'Permanent') return [];
  const reason: UndeliverableReason = feedback.kind;
  const detail = (feedback.kind === 'bounce' ? feedback.bounceSubType : feedback.feedbackType) ?? 'unspecified';
  const addresses = [...new Set(feedback.recipients.map((address) => address.trim().toLowerCase()))];
  return addresses.map((email) => ({
    email,
    reason,
    detail,
    since: feedback.timestamp,
    ...(feedback.feedbackId ? { feedbackId: feedback.feedbackId } : {}),
  }));
}

/** Where undeliverable addresses are kept, one record per address. */
export interface SuppressionList {
  /** Records the address as undeliverable (a later notification replaces an earlier one). */
  suppress(suppression: Suppression): Promise<void>;
  /** The records of those of the addresses that are undeliverable, by address in lower case. */
  find(emails: readonly string[]): Promise<ReadonlyMap<string, Suppression>>;
}

/** Whether a person's address gets email, as their profile shows it. */
export interface Deliverability {
  readonly emailDeliverable: boolean;
  readonly emailUndeliverable?: {
    readonly reason: UndeliverableReason;
    readonly detail: string;
    readonly since: string;
  };
}

/**
 * The profile's view of an address's record.
 * @example deliverability(undefined) // { emailDeliverable: true }
 */
export function deliverability(suppression: Suppression | undefined): Deliverability {
  if (!suppression) return { emailDeliverable: true };
  const { reason, detail, since } = suppression;
  return { emailDeliverable: false, emailUndeliverable: { reason, detail, since } };
}
