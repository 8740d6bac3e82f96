import { formatInZone } from '../time-format';
import { auditionFacts, auditionInviteFor, greeting, previousAuditionFacts } from './audition-facts';
import type { AuditionEmailInput, InviteVersion, RenderedEmail, SlotFacts } from './email-input';
import { composeEmail, oneLine } from './layout';

export interface SlotMovedInput extends AuditionEmailInput {
  /** The slot as the performer knew it. `slot` is the new one. */
  readonly previousSlot: SlotFacts;
  /** The updated event: a sequence one higher than the last invite sent for this sign-up. */
  readonly invite: InviteVersion;
}

/**
 * (g) The director changed the time or place of the performer's audition. Carries the updated invite
 * (METHOD:REQUEST, same UID, higher SEQUENCE), which moves the entry in the performer's calendar.
 *
 * @example renderSlotMoved({ recipient, performance, slot, previousSlot, characters, invite: { signUpId, sequence: 1, issuedAt } })
 *   // { subject: 'Audition moved: Hamlet, now Monday 29 March 2027, 14:00 BST', text, html, attachments: [ics] }
 */
export function renderSlotMoved(input: SlotMovedInput): RenderedEmail {
  const title = oneLine(input.performance.title);
  return composeEmail({
    subject: `Audition moved: ${title}, now ${formatInZone(input.slot.start, input.recipient.timeZone)}`,
    link: input.link,
    greeting: greeting(input.recipient),
    blocks: [
      `The director of ${title} has changed your audition. Here are the new details:`,
      { facts: auditionFacts(input) },
      { facts: previousAuditionFacts(input, input.previousSlot) },
      'The attached calendar update (audition.ics) moves the audition in your calendar.',
      'If the new time does not suit you, you can withdraw in Audition Me.',
    ],
    attachments: [auditionInviteFor(input, input.invite, 'REQUEST')],
  });
}
