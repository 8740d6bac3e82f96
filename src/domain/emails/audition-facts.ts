import type { EmailAttachment } from '../email-message';
import { auditionInvite, inviteAttachment, signUpInviteUid } from '../calendar';
import type { InviteMethod } from '../calendar';
import { formatForRecipient, formatInZone } from '../time-format';
import type { AuditionEmailInput, InviteVersion, PerformanceFacts, SlotFacts } from './email-input';
import type { Fact } from './layout';
import { listOf, oneLine } from './layout';

/** The parts several emails share: how an audition's time, place and characters are written. */

/**
 * Where an audition happens, as one line: the place, its address, and the city and country unless the address
 * already says them.
 * @example auditionPlace(performance, slot) // 'Globe Theatre, 21 New Globe Walk, London, United Kingdom'
 */
export function auditionPlace(performance: PerformanceFacts, slot: SlotFacts): string {
  const { name, address } = slot.location;
  const parts = [oneLine(name), oneLine(address)];
  for (const extra of [performance.venue.city, performance.venue.country]) {
    if (!address.toLowerCase().includes(extra.toLowerCase())) parts.push(oneLine(extra));
  }
  return parts.filter(Boolean).join(', ');
}

/**
 * The audition's start for this reader: their time, and the venue's when it differs.
 * @example auditionTime(input) // 'Sunday 28 March 2027, 02:00 PDT your time (10:00 BST at the venue)'
 */
export function auditionTime(input: Pick<AuditionEmailInput, 'recipient' | 'performance' | 'slot'>): string {
  return formatForRecipient(input.slot.start, input.recipient.timeZone, input.performance.venue.timeZone);
}

/**
 * When, how long, where and for which characters, as a table of facts.
 * @example composeEmail({ …, blocks: ['…', { facts: auditionFacts(input) }] })
 */
export function auditionFacts(input: AuditionEmailInput): Fact[] {
  const facts: Fact[] = [
    ['Performance', oneLine(input.performance.title)],
    ['When', auditionTime(input)],
    ['Length', `${input.slot.durationMinutes} minutes`],
    ['Where', auditionPlace(input.performance, input.slot)],
  ];
  if (input.characters.length > 0)
    facts.push([input.characters.length > 1 ? 'Characters' : 'Character', listOf(input.characters)]);
  return facts;
}

/**
 * Where the audition was before it changed: its former time, and its former place when that differs too.
 * @example { facts: previousAuditionFacts(input, previousSlot) } // [['Previously', 'Sunday 28 March 2027, …']]
 */
export function previousAuditionFacts(
  input: Pick<AuditionEmailInput, 'recipient' | 'performance' | 'slot'>,
  previousSlot: SlotFacts,
): Fact[] {
  const placeBefore = auditionPlace(input.performance, previousSlot);
  const facts: Fact[] = [['Previously', auditionTime({ ...input, slot: previousSlot })]];
  if (placeBefore !== auditionPlace(input.performance, input.slot)) facts.push(['Previously at', placeBefore]);
  return facts;
}

/**
 * The calendar invite for this performer's audition, ready to attach.
 * @example auditionInviteFor(input, { signUpId: 's1', sequence: 0, issuedAt }, 'REQUEST')
 */
export function auditionInviteFor(
  input: Omit<AuditionEmailInput, 'link'>,
  invite: InviteVersion,
  method: InviteMethod,
): EmailAttachment {
  const { performance, slot, recipient } = input;
  const atVenue = formatInZone(slot.start, performance.venue.timeZone);
  const label = input.characters.length > 1 ? 'Characters' : 'Character';
  const characters = input.characters.length > 0 ? `\n${label}: ${listOf(input.characters)}` : '';
  const ics = auditionInvite({
    method,
    uid: signUpInviteUid(invite.signUpId),
    sequence: invite.sequence,
    issuedAt: invite.issuedAt,
    start: slot.start,
    durationMinutes: slot.durationMinutes,
    title: `Audition: ${oneLine(performance.title)}`,
    description: `Audition for ${oneLine(performance.title)}.${characters}\nAt the venue: ${atVenue}\nContact: ${oneLine(performance.director.name)} <${performance.director.email}>`,
    location: auditionPlace(performance, slot),
    organizer: performance.director,
    attendee: recipient,
  });
  return inviteAttachment(method, ics);
}

/**
 * The greeting line for one reader.
 * @example greeting({ name: 'Bo Park' }) // 'Hi Bo Park,'
 */
export function greeting(person: { readonly name: string }): string {
  return `Hi ${oneLine(person.name)},`;
}
