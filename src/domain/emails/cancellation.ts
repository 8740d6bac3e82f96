import { auditionFacts, auditionInviteFor, auditionTime, greeting } from './audition-facts';
import type { AuditionEmailInput, InviteVersion, RenderedEmail } from './email-input';
import { composeEmail, oneLine } from './layout';

export type CancellationReason = 'performance-deleted' | 'slot-removed' | 'casting-closed';

export interface CancellationInput extends AuditionEmailInput {
  readonly reason: CancellationReason;
  /** A sequence higher than any invite sent before for this sign-up. */
  readonly invite: InviteVersion;
}

/**
 * (f) The audition will not take place, because the performance was deleted, the slot removed or casting closed
 * before it. Carries a
 * METHOD:CANCEL for the audition's calendar event.
 *
 * @example renderCancellation({ recipient, performance, slot, characters, reason: 'slot-removed', invite })
 *   // { subject: 'Audition cancelled: Hamlet', text, html, attachments: [ics CANCEL] }
 */
export function renderCancellation(input: CancellationInput): RenderedEmail {
  const title = oneLine(input.performance.title);
  const why = {
    'performance-deleted': `${title} has been taken down by its director, so your audition on ${auditionTime(input)} will not take place.`,
    'slot-removed':
      `The director has removed the audition slot you signed up for in ${title} (${auditionTime(input)}), ` +
      'so that audition will not take place.',
    'casting-closed':
      `Casting for ${title} closed before your audition (${auditionTime(input)}), so that audition will not ` +
      'take place and your sign-up is cancelled.',
  }[input.reason];
  const next =
    input.reason === 'slot-removed'
      ? 'If other slots are still open, you are welcome to sign up for one of them in Audition Me.'
      : 'We are sorry for the change of plans. There are more performances waiting for you in Audition Me.';
  return composeEmail({
    subject: `Audition cancelled: ${title}`,
    link: input.link,
    greeting: greeting(input.recipient),
    blocks: [
      why,
      { facts: auditionFacts(input) },
      'The attached calendar update (audition.ics) removes the audition from your calendar.',
      next,
    ],
    attachments: [auditionInviteFor(input, input.invite, 'CANCEL')],
  });
}
