import { auditionFacts, auditionInviteFor, greeting } from './audition-facts';
import type { AuditionEmailInput, InviteVersion, RenderedEmail } from './email-input';
import { composeEmail, oneLine } from './layout';

export interface WithdrawalInput extends AuditionEmailInput {
  /** A sequence higher than any invite sent before for this sign-up. */
  readonly invite: InviteVersion;
}

/**
 * (c) Confirms that the performer withdrew, with a METHOD:CANCEL for the audition's calendar event.
 *
 * @example renderWithdrawal({ recipient, performance, slot, characters, invite: { signUpId, sequence: 1, issuedAt } })
 *   // { subject: 'You have withdrawn from the audition for Hamlet', text, html, attachments: [ics CANCEL] }
 */
export function renderWithdrawal(input: WithdrawalInput): RenderedEmail {
  const title = oneLine(input.performance.title);
  return composeEmail({
    subject: `You have withdrawn from the audition for ${title}`,
    link: input.link,
    greeting: greeting(input.recipient),
    blocks: [
      `You have withdrawn from this audition for ${title}, and your place has been given up:`,
      { facts: auditionFacts(input) },
      'The attached calendar update (audition.ics) removes the audition from your calendar.',
      'Changed your mind? You can sign up again in Audition Me while auditions are open.',
    ],
    attachments: [auditionInviteFor(input, input.invite, 'CANCEL')],
  });
}
