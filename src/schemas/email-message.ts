import { z } from 'zod';
import { email, singleLine } from './common';

/** A message on the email queue: one email to one or more recipients, with a key that makes it send once. */
export const emailMessage = z.strictObject({
  idempotencyKey: z.string().min(1).max(200),
  to: z.array(email).min(1).max(50),
  subject: singleLine(200),
  text: z.string().min(1).max(100_000),
  html: z.string().max(200_000).optional(),
});
export type EmailMessage = z.infer<typeof emailMessage>;
