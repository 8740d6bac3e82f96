import * as z from 'zod/mini';
import type { SignUpFollowUp } from '../domain/follow-up-work';
import { maxChangesPerFollowUp } from '../domain/follow-up-work';
import type { SignUpChange } from '../domain/sign-up-change';

export type { SignUpFollowUp } from '../domain/follow-up-work';

/**
 * One sign-up change as the table's stream consumer queued it. Our own code wrote it from the table's items, so,
 * as with an item read back from the table, only its shape's anchors are checked: whom it concerns, the status it
 * was decided on and the notifications it carries; the store writes the rest as it stands.
 */
const signUpChange = z.looseObject({
  signUp: z.looseObject({
    performanceId: z.string().check(z.minLength(1)),
    performerId: z.string().check(z.minLength(1)),
    signUpId: z.string().check(z.minLength(1)),
    status: z.string().check(z.minLength(1)),
    updatedAt: z.string().check(z.minLength(1)),
  }),
  from: z.string().check(z.minLength(1)),
  notifications: z.array(z.looseObject({ kind: z.string().check(z.minLength(1)) })),
});

/**
 * A message of the email queue that is not an email: sign-up changes a performance change causes, for the mailer
 * to save (src/functions/sign-up-follow-up.ts). Emails carry no `kind`; this message is told apart by its own.
 */
export const signUpFollowUpMessage = z.strictObject({
  kind: z.literal('sign-up-follow-up'),
  performanceId: z.string().check(z.minLength(1), z.maxLength(100)),
  changes: z.array(signUpChange).check(z.minLength(1), z.maxLength(maxChangesPerFollowUp)),
  deferrals: z.int().check(z.minimum(0)),
});

/**
 * What a message of the email queue is: an email (the messages without a `kind`, as every email has been) or a
 * sign-up follow-up. A body that is not JSON counts as an email, whose reading then reports it.
 * @example queuedMessageKind('{"kind":"sign-up-follow-up", …}') // 'sign-up-follow-up'
 */
export function queuedMessageKind(text: string): 'email' | 'sign-up-follow-up' {
  try {
    const body: unknown = JSON.parse(text);
    const kind = typeof body === 'object' && body !== null ? (body as { kind?: unknown }).kind : undefined;
    return kind === 'sign-up-follow-up' ? kind : 'email';
  } catch {
    return 'email';
  }
}

/**
 * The follow-up in a queue message's body; throws when it is not JSON or not a valid follow-up.
 * @example signUpFollowUpFromText(JSON.stringify(followUpWork('p1', changes)[0]))
 */
export function signUpFollowUpFromText(text: string): SignUpFollowUp {
  const { changes, ...rest } = signUpFollowUpMessage.parse(JSON.parse(text));
  return { ...rest, changes: changes as unknown as SignUpChange[] };
}
