import { greeting } from './audition-facts';
import type { EmailLink, RenderedEmail } from './email-input';
import { composeEmail } from './layout';

export interface RegistrationAttemptedInput {
  readonly recipient: { readonly name: string };
  readonly link: EmailLink;
}

/**
 * Someone signed up with the address of an existing account. The account was not changed; the owner learns of
 * it here, and not the person who tried (the sign-up answers as for a new address).
 *
 * @example renderRegistrationAttempted({ recipient: { name: 'Bo' }, link }) // { subject: 'Someone tried to …', text, html }
 */
export function renderRegistrationAttempted(input: RegistrationAttemptedInput): RenderedEmail {
  return composeEmail({
    subject: 'Someone tried to create an Audition Me account with your email address',
    greeting: input.recipient.name ? greeting(input.recipient) : 'Hello,',
    blocks: [
      'Someone just tried to create a new Audition Me account with this email address. You already have an ' +
        'account, so nothing was created and nothing about your account has changed.',
      'If it was you: sign in to Audition Me with your email address and your password.',
      'If it was not you, you can ignore this email.',
    ],
    link: input.link,
  });
}
