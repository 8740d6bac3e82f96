import { auditionFacts, auditionTime, greeting } from './audition-facts';
import type { AuditionEmailInput, PerformerContact, RenderedEmail } from './email-input';
import { composeEmail, oneLine } from './layout';

export interface WithdrawalReceivedInput extends AuditionEmailInput {
  /** The director or casting director reading it. */
  readonly recipient: AuditionEmailInput['recipient'];
  readonly performer: PerformerContact;
}

/**
 * (c′) A performer withdrew: tells the director or casting director who, and from which audition. Rendered once
 * per reader, so each sees the time in their own zone and the venue's.
 *
 * @example renderWithdrawalReceived({ recipient: director, performance, slot, characters, performer })
 *   // { subject: 'Withdrawn from the audition: Bo Park for Hamlet', text, html }
 */
export function renderWithdrawalReceived(input: WithdrawalReceivedInput): RenderedEmail {
  const performer = oneLine(input.performer.name);
  const title = oneLine(input.performance.title);
  return composeEmail({
    subject: `Withdrawn from the audition: ${performer} for ${title}`,
    link: input.link,
    greeting: greeting(input.recipient),
    blocks: [
      `${performer} has withdrawn from the audition for ${title} on ${auditionTime(input)}; their place is free again.`,
      {
        facts: [
          ['Performer', performer],
          ['Email', oneLine(input.performer.email)],
          ['Phone', oneLine(input.performer.phone)],
          ...auditionFacts(input),
        ],
      },
    ],
  });
}
