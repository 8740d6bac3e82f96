import { auditionFacts, auditionTime, greeting } from './audition-facts';
import type { AuditionEmailInput, PerformerContact, RenderedEmail } from './email-input';
import { composeEmail, oneLine } from './layout';

export interface SignUpReceivedInput extends AuditionEmailInput {
  /** The director or casting director reading it. */
  readonly recipient: AuditionEmailInput['recipient'];
  readonly performer: PerformerContact;
}

/**
 * (a) A performer signed up: tells the director or casting director who, for which characters and when.
 * Rendered once per reader, so each sees the time in their own zone.
 *
 * @example renderSignUpReceived({ recipient: director, performance, slot, characters: ['Ophelia'], performer })
 *   // { subject: 'New audition sign-up: Bo Park for Hamlet', text, html }
 */
export function renderSignUpReceived(input: SignUpReceivedInput): RenderedEmail {
  const performer = oneLine(input.performer.name);
  const title = oneLine(input.performance.title);
  return composeEmail({
    subject: `New audition sign-up: ${performer} for ${title}`,
    link: input.link,
    greeting: greeting(input.recipient),
    blocks: [
      `${performer} has signed up to audition for ${title} on ${auditionTime(input)}.`,
      {
        facts: [
          ['Performer', performer],
          ['Email', oneLine(input.performer.email)],
          ['Phone', oneLine(input.performer.phone)],
          ...auditionFacts(input),
        ],
      },
      'You can see everyone who signed up for each slot on the performance’s page in Audition Me.',
    ],
  });
}
