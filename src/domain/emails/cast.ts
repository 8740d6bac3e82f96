import { greeting } from './audition-facts';
import type { EmailLink, PerformanceFacts, Recipient, RenderedEmail } from './email-input';
import { composeEmail, oneLine } from './layout';

export interface CastInput {
  /** The page where the reader acts on this email. */
  readonly link: EmailLink;
  readonly recipient: Recipient;
  readonly performance: PerformanceFacts;
  /** The character the performer is cast as. */
  readonly character: string;
}

/**
 * (d) Tells a performer they have been cast, and as whom.
 *
 * @example renderCast({ recipient, performance, character: 'Ophelia' })
 *   // { subject: 'You have been cast as Ophelia in Hamlet', text, html }
 */
export function renderCast(input: CastInput): RenderedEmail {
  const title = oneLine(input.performance.title);
  const character = oneLine(input.character);
  const { director, venue } = input.performance;
  return composeEmail({
    subject: `You have been cast as ${character} in ${title}`,
    link: input.link,
    greeting: greeting(input.recipient),
    blocks: [
      `Congratulations! You have been cast as ${character} in ${title}.`,
      {
        facts: [
          ['Performance', title],
          ['Character', character],
          ['Venue', [venue.name, venue.city, venue.country].map(oneLine).join(', ')],
          ['Director', `${oneLine(director.name)} (${oneLine(director.email)})`],
        ],
      },
      `${oneLine(director.name)} will be in touch about what happens next.`,
    ],
  });
}
