import { auditionFacts, auditionInviteFor, greeting, previousAuditionFacts } from './audition-facts';
import type { EmailLink, InviteVersion, PerformanceFacts, Recipient, RenderedEmail, SlotFacts } from './email-input';
import { composeEmail, oneLine } from './layout';

/** An audition that changed while the performer was cast, as undoing the casting finds it. */
export interface AuditionMovedWhileCast {
  /** The audition as it is now. */
  readonly slot: SlotFacts;
  /** The audition as the performer's calendar still shows it. */
  readonly previousSlot: SlotFacts;
  /** Names of the characters the performer signed up for. */
  readonly characters: readonly string[];
  /** The updated event: a sequence one higher than the last invite sent for this sign-up. */
  readonly invite: InviteVersion;
}

export interface CastUndoneInput {
  /** The page where the reader acts on this email. */
  readonly link: EmailLink;
  readonly recipient: Recipient;
  readonly performance: PerformanceFacts;
  /** The character the performer was cast as. */
  readonly character: string;
  /** Set when the audition changed while the performer was cast: the email then updates their calendar. */
  readonly moved?: AuditionMovedWhileCast;
}

/**
 * (d′) The director undid a casting: the performer is no longer cast, and is back to awaiting the decision. If
 * their audition changed while they were cast, the email shows it as it is now and carries the updated invite
 * (METHOD:REQUEST, same UID, higher SEQUENCE), which moves the entry in the performer's calendar.
 *
 * @example renderCastUndone({ recipient, performance, character: 'Ophelia' })
 *   // { subject: 'You are no longer cast as Ophelia in Hamlet', text, html }
 */
export function renderCastUndone(input: CastUndoneInput): RenderedEmail {
  const title = oneLine(input.performance.title);
  const character = oneLine(input.character);
  const { director } = input.performance;
  const moved = input.moved && { ...input, ...input.moved };
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
      ...(moved
        ? [
            'Your audition was changed while you were cast. Here are its details now:',
            { facts: auditionFacts(moved) },
            { facts: previousAuditionFacts(moved, moved.previousSlot) },
            'The attached calendar update (audition.ics) moves the audition in your calendar.',
          ]
        : []),
    ],
    ...(moved ? { attachments: [auditionInviteFor(moved, moved.invite, 'REQUEST')] } : {}),
  });
}
