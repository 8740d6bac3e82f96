import { auditionPlace, auditionTime, greeting } from './audition-facts';
import type { EmailLink, PerformanceFacts, Recipient, RenderedEmail, SlotFacts } from './email-input';
import type { Block, Fact } from './layout';
import { composeEmail, oneLine } from './layout';

export interface InvitationInput {
  /** The performance's page, where the reader signs up (with the suggested slot chosen). */
  readonly link: EmailLink;
  readonly recipient: Recipient;
  readonly performance: PerformanceFacts;
  /** The slot the director suggests, if any. */
  readonly slot?: SlotFacts;
  /** The director's own words, if any. */
  readonly message?: string;
}

/**
 * (i) A director found the performer in the talent directory and invites them to audition: who, for what, when
 * (the suggested slot in the reader's zone and the venue's), the director's message, and the link to sign up.
 *
 * @example renderInvitation({ recipient, performance, slot, message: 'We would love to hear you.', link })
 *   // { subject: 'Ann Lee invites you to audition for Hamlet', text, html }
 */
export function renderInvitation(input: InvitationInput): RenderedEmail {
  const { performance, slot, recipient } = input;
  const title = oneLine(performance.title);
  const director = oneLine(performance.director.name);
  const facts: Fact[] = [
    ['Performance', title],
    ['Venue', [performance.venue.name, performance.venue.city, performance.venue.country].map(oneLine).join(', ')],
    ['Director', `${director} (${oneLine(performance.director.email)})`],
  ];
  if (slot) {
    facts.push(
      ['Suggested audition', auditionTime({ recipient, performance, slot })],
      ['Length', `${slot.durationMinutes} minutes`],
      ['Where', auditionPlace(performance, slot)],
    );
  }
  const blocks: Block[] = [
    `${director} found you in the Audition Me talent directory and invites you to audition for ${title}.`,
  ];
  // The message keeps its line breaks; the layout escapes it for HTML.
  if (input.message) blocks.push(`${director} writes:\n\n${input.message.replace(/\r\n?/g, '\n')}`);
  blocks.push(
    { facts },
    slot
      ? 'Sign up from the link below: the suggested slot is chosen for you, and you may pick another.'
      : 'Sign up from the link below for any audition slot that suits you.',
    'Not interested? You can decline the invitation in Audition Me, and turn invitations off on your profile page.',
  );
  return composeEmail({
    subject: `${director} invites you to audition for ${title}`,
    link: input.link,
    greeting: greeting(recipient),
    blocks,
  });
}
