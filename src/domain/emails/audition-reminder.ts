import { formatInZone } from '../time-format';
import { auditionPlace, auditionTime, greeting } from './audition-facts';
import type { EmailLink, PerformanceFacts, Recipient, RenderedEmail, SlotFacts } from './email-input';
import type { Fact } from './layout';
import { composeEmail, oneLine } from './layout';

export interface AuditionReminderInput {
  /** The page where the reader acts on this email. */
  readonly link: EmailLink;
  /** Everyone the one reminder message goes to (one slot, one reminder instant). */
  readonly recipients: readonly Recipient[];
  readonly performance: PerformanceFacts;
  readonly slot: SlotFacts;
}

/** 'America/Los_Angeles' → 'Los Angeles' */
function placeOfZone(zone: string): string {
  return (zone.split('/').pop() ?? zone).replaceAll('_', ' ');
}

/**
 * (h) The evening-before reminder.
 *
 * The design publishes one message per slot and reminder instant, which may go to several performers, so this
 * renders one email for all of them: with one reader (or several in one zone) it reads like a personal email
 * with their time and the venue's; with readers in different zones it greets them all and lists the time at the
 * venue and in each of their zones, labelled by place, so every reader finds their own. No one reader's details
 * appear in it.
 *
 * @example renderAuditionReminder({ recipients: [bo], performance, slot })
 *   // { subject: 'Reminder: your audition for Hamlet, Sunday 28 March 2027, 10:00 BST', text, html }
 */
export function renderAuditionReminder(input: AuditionReminderInput): RenderedEmail {
  const { performance, slot } = input;
  if (input.recipients.length === 0) throw new RangeError('A reminder needs at least one recipient');
  const title = oneLine(performance.title);
  const venueZone = performance.venue.timeZone;
  const zones = [...new Set(input.recipients.map((r) => r.timeZone))];
  const sharedZone = zones.length === 1 ? zones[0] : undefined;
  const when: Fact[] = sharedZone
    ? [['When', auditionTime({ recipient: { name: '', email: '', timeZone: sharedZone }, performance, slot })]]
    : [
        ['At the venue', formatInZone(slot.start, venueZone)],
        ...zones
          .filter((zone) => zone !== venueZone)
          .map((zone): Fact => [`${placeOfZone(zone)} time`, formatInZone(slot.start, zone)]),
      ];
  const only = input.recipients.length === 1 ? input.recipients[0] : undefined;
  return composeEmail({
    subject: `Reminder: your audition for ${title}, ${formatInZone(slot.start, sharedZone ?? venueZone)}`,
    link: input.link,
    greeting: only ? greeting(only) : 'Hello,',
    blocks: [
      `This is a reminder of your audition for ${title}.`,
      {
        facts: [
          ['Performance', title],
          ...when,
          ['Length', `${slot.durationMinutes} minutes`],
          ['Where', auditionPlace(performance, slot)],
          ['Contact', `${oneLine(performance.director.name)} (${oneLine(performance.director.email)})`],
        ],
      },
      'Plan to arrive a few minutes early. If you can no longer come, please withdraw in Audition Me so someone ' +
        'else can take your place. Good luck!',
    ],
  });
}
