/**
 * An email as the domain composes it and the mailer sends it. The queue's schema (`src/schemas/email-message.ts`)
 * validates messages against this shape; the domain owns it.
 */

/** A small text file sent with an email, such as a calendar invite (UTF-8 text). */
export interface EmailAttachment {
  /** The file name shown to the reader, e.g. `invite.ics`. */
  readonly filename: string;
  /** A MIME type with optional parameters, e.g. `text/calendar; charset=UTF-8; method=REQUEST`. */
  readonly contentType: string;
  readonly content: string;
}

/** One email to one or more recipients, with a key that makes it send once. */
export interface EmailMessage {
  readonly idempotencyKey: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly attachments?: readonly EmailAttachment[];
}
