import { formatInZone } from '../time-format';
import { auditionFacts, auditionInviteFor, greeting } from './audition-facts';
import type { AuditionEmailInput, InviteVersion, RenderedEmail } from './email-input';
import { composeEmail, oneLine } from './layout';

export interface SignUpConfirmationInput extends AuditionEmailInput {
  /** The first version of the sign-up's invite (sequence 0). */
  readonly invite: InviteVersion;
  /** The planned evening-before reminder, or undefined when none will be sent (see `plannedReminder`). */
  readonly reminderAt: Date | undefined;
}

/**
 * (b) Confirms a performer's sign-up, with the calendar invite (METHOD:REQUEST) attached.
 *
 * @example renderSignUpConfirmation({ recipient, performance, slot, characters, invite, reminderAt })
 *   // { subject: 'Audition confirmed: Hamlet, Sunday 28 March 2027, 10:00 BST', text, html, attachments: [ics] }
 */
export function renderSignUpConfirmation(input: SignUpConfirmationInput): RenderedEmail {
  const title = oneLine(input.performance.title);
  const yourTime = formatInZone(input.slot.start, input.recipient.timeZone);
  const reminder = input.reminderAt
    ? // The reminder is about the reader's own evening, so only their time is shown.
      `We will send you a reminder on ${formatInZone(input.reminderAt, input.recipient.timeZone)}, the evening before.`
    : 'Your audition is soon, so there will be no separate reminder: this email is it.';
  return composeEmail({
    subject: `Audition confirmed: ${title}, ${yourTime}`,
    link: input.link,
    greeting: greeting(input.recipient),
    blocks: [
      `You are signed up to audition for ${title}. Break a leg!`,
      { facts: auditionFacts(input) },
      'The attached calendar invite (audition.ics) adds the audition to your calendar.',
      reminder,
      'If you can no longer come, please withdraw in Audition Me so someone else can take your place.',
    ],
    attachments: [auditionInviteFor(input, input.invite, 'REQUEST')],
  });
}
