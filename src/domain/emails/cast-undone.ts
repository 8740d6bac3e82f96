import { greeting } from './audition-facts';
import type { EmailLink, PerformanceFacts, Recipient, RenderedEmail } from './email-input';
import { composeEmail, oneLine } from './layout';

export interface CastUndoneInput {
  /** The page where the reader acts on this email. */
  readonly link: EmailLink;
  readonly recipient: Recipient;
  readonly performance: PerformanceFacts;
  /** The character the performer was cast as. */
  readonly character: string;
}

/**
 * (d′) The director undid a casting: the performer is no longer cast, and is back to awaiting the decision.
 *
 * @example renderCastUndone({ recipient, performance, character: 'Ophelia' })
 *   // { subject: 'You are no longer cast as Ophelia in Hamlet', text, html }
 */
export function renderCastUndone(input: CastUndoneInput): RenderedEmail {
  const title = oneLine(input.performance.title);
  const character = oneLine(input.character);
  const { director } = input.performance;
  return composeEmail({
    subject: `You are no longer cast as ${character} in ${title}`,
    link: input.link,
    greeting: greeting(input.recipient),
    blocks: [
      `The director of ${title} has undone your casting as ${character}. Casting is still open, so your audition ` +
        'still counts: you will hear again when the director decides, at the latest when casting closes.',
      {
        facts: [
          ['Performance', title],
          ['Character', character],
          ['Director', `${oneLine(director.name)} (${oneLine(director.email)})`],
        ],
      },
    ],
  });
}
