import { greeting } from './audition-facts';
import type { EmailLink, PerformanceFacts, Recipient, RenderedEmail } from './email-input';
import { composeEmail, listOf, oneLine } from './layout';

export interface NotCastInput {
  /** The page where the reader acts on this email. */
  readonly link: EmailLink;
  readonly recipient: Recipient;
  readonly performance: PerformanceFacts;
  /** The characters the performer auditioned for. */
  readonly characters: readonly string[];
}

/**
 * (e) Casting closed without this performer: gives them their final status, kindly.
 *
 * @example renderNotCast({ recipient, performance, characters: ['Ophelia'] })
 *   // { subject: 'Casting for Hamlet has closed', text, html }
 */
export function renderNotCast(input: NotCastInput): RenderedEmail {
  const title = oneLine(input.performance.title);
  const roles = input.characters.length > 0 ? ` for ${listOf(input.characters)}` : '';
  return composeEmail({
    subject: `Casting for ${title} has closed`,
    link: input.link,
    greeting: greeting(input.recipient),
    blocks: [
      `Thank you for auditioning${roles} in ${title}. Casting has now closed, and we are sorry to tell you that ` +
        'you have not been cast this time.',
      'Directors see many more performers than they have parts, and this says nothing about the next one. ' +
        'There are more performances waiting for you in Audition Me.',
    ],
  });
}
