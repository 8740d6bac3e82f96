import * as z from 'zod/mini';
import type { EmailAttachment, EmailMessage } from '../domain/email-message';
import { email, maxSlotCapacity, singleLine } from './common';

export type { EmailAttachment, EmailMessage } from '../domain/email-message';

/**
 * A small text file sent with an email, such as a calendar invite. Text only (UTF-8), few and small: the whole
 * message must fit in one SQS message (256 KiB).
 */
export const emailAttachment = z.strictObject({
  filename: z
    .string()
    .check(
      z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be a plain file name such as invite.ics'),
      z.describe('The file name shown to the reader.'),
    ),
  contentType: z.string().check(
    z.maxLength(200),
    // A MIME type with optional parameters, e.g. `text/calendar; charset=UTF-8; method=REQUEST`: nothing that
    // could end the header line it is written into.
    z.regex(
      /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(; ?[a-z0-9-]+=[A-Za-z0-9._-]+)*$/i,
      'must be a MIME type such as text/calendar; method=REQUEST',
    ),
  ),
  content: z.string().check(z.minLength(1), z.maxLength(64_000), z.describe('The file’s text, sent as UTF-8.')),
}) satisfies z.ZodMiniType<EmailAttachment>;

/**
 * A message on the email queue: one email to one or more recipients, with a key that makes it send once. The
 * reminder of a slot goes to all its performers in one message, so a message may list as many recipients as a
 * slot has places (the mailer sends each their own email); 500 addresses of 254 characters still leave room for
 * the text within SQS's 256 KiB.
 */
export const emailMessage = z.strictObject({
  // 200 for a key a message is made with, and room for the 33 characters recipientKey adds: one recipient's part
  // of a message to several goes back on the queue under that recipient's own key (functions/email-remainder.ts).
  idempotencyKey: z.string().check(z.minLength(1), z.maxLength(240)),
  to: z.array(email).check(z.minLength(1), z.maxLength(maxSlotCapacity)),
  subject: singleLine(200),
  text: z.string().check(z.minLength(1), z.maxLength(100_000)),
  html: z.optional(z.string().check(z.maxLength(200_000))),
  attachments: z.optional(z.array(emailAttachment).check(z.maxLength(3))),
}) satisfies z.ZodMiniType<EmailMessage>;

/**
 * The message in a queue message's body; throws when it is not JSON or not a valid message.
 * @example emailMessageFromText('{"idempotencyKey":"k","to":["a@example.com"],"subject":"Hi","text":"Hello"}')
 */
export function emailMessageFromText(text: string): EmailMessage {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error('The message body is not JSON');
  }
  return emailMessage.parse(body);
}
