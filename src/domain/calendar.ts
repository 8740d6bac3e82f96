import { createEvent } from 'ics';
import type { EventAttributes } from 'ics';
import type { EmailAttachment } from './email-message';

/**
 * Calendar invites for auditions (iCalendar, RFC 5545, sent as iTIP, RFC 5546).
 *
 * One sign-up is one calendar event with a stable UID for its whole life: the confirmation sends it
 * (METHOD:REQUEST, SEQUENCE 0), a moved slot sends it again with a higher SEQUENCE, and a withdrawal or
 * cancellation sends METHOD:CANCEL for the same UID, so the reader's calendar updates the entry it already has.
 * Times are written in UTC (`…Z`), which every calendar shows in its reader's own zone without needing a
 * VTIMEZONE definition.
 */

export type InviteMethod = 'REQUEST' | 'CANCEL';

export interface CalendarPerson {
  readonly name: string;
  readonly email: string;
}

export interface AuditionInviteInput {
  /** REQUEST for a new or changed audition, CANCEL when it no longer happens. */
  readonly method: InviteMethod;
  /** The event's identity, the same in every version: see {@link signUpInviteUid}. */
  readonly uid: string;
  /** 0 for the first invite; each later invite for the same UID (a move, a cancellation) one higher. */
  readonly sequence: number;
  /** When this version of the invite was issued (DTSTAMP). */
  readonly issuedAt: Date;
  readonly start: Date;
  readonly durationMinutes: number;
  readonly title: string;
  readonly description: string;
  readonly location: string;
  readonly organizer: CalendarPerson;
  readonly attendee: CalendarPerson;
}

const productId = '-//Audition Me//Auditions//EN';
const maxLineOctets = 75;
const signUpIdPattern = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The UID of the calendar event for one sign-up; the same for its confirmation, updates and cancellation.
 * @example signUpInviteUid('01J9ZK3M') // 'signup-01J9ZK3M@audition-me'
 */
export function signUpInviteUid(signUpId: string): string {
  if (!signUpIdPattern.test(signUpId)) throw new RangeError(`Not a usable sign-up id: ${signUpId}`);
  return `signup-${signUpId}@audition-me`;
}

// What user text may carry into the calendar, and what it may not (the same rules for every reader):
// - ASCII and C1 control characters (RFC 5545 §3.3.11 allows none in TEXT but the tab; CR and LF would end the
//   content line) and the Unicode line and paragraph separators become a space, a run of them one space. Tabs
//   go too: a calendar shows a title or a place on one line.
// - Direction marks, overrides and isolates, and U+FEFF, are removed, as our input schemas refuse them
//   (src/schemas/common.ts): they can make a name read as something else.
// - Other format characters (the zero-width joiner inside 👩‍🎤, the tags of 🏴󠁧󠁢󠁳󠁣󠁴󠁿, soft hyphens) are ordinary text
//   and stay.
// - A lone UTF-16 surrogate cannot be written in UTF-8: it becomes U+FFFD, as the encoder would make it anyway, so
//   the text folded here by octets is the text sent.
// - `TZID=` is written `TZID＝` (U+FF1D): node-ical strips every double quote from a content line that contains
//   `TZID=`, which loses quotes from text and, in a CN, makes it read the wrong email address.
const controlCharacters = /[\p{Cc}\p{Zl}\p{Zp}]+/gu;
const directionControls = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
const loneSurrogate = /\p{Cs}/gu;

function wellFormed(value: string): string {
  return value.replace(loneSurrogate, '\uFFFD').replace(directionControls, '').replaceAll('TZID=', 'TZID\uFF1D');
}

/** A single-line value: every run of control characters becomes a space; the ends are trimmed. */
function oneLine(value: string): string {
  return wellFormed(value).replace(controlCharacters, ' ').trim();
}

/** A multi-line value: line breaks stay (the library escapes them as `\n`), other control characters go. */
function multiLine(value: string): string {
  return wellFormed(value)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(controlCharacters, ' ').trimEnd())
    .join('\n');
}

/**
 * A person's name as the CN parameter, on one line, with four characters replaced by look-alikes so that every
 * reader reads the same name:
 * - `"` by `'`: a quoted parameter value may not hold a double quote (RFC 5545 §3.1);
 * - `^` by `ˆ` (U+02C6): RFC 6868 makes `^n`, `^'` and `^^` escapes, which some readers (ical.js) decode and
 *   others (node-ical) show as typed;
 * - `\` by `⧵` (U+29F5): RFC 5545 has no escapes in parameter values, but some readers (ical.js) unescape
 *   `\\`, `\,`, `\;` and `\n` there as in text;
 * - `;` by `,`: some readers (node-ical) split parameters at every `;`, even inside quotes.
 * A person without a name is shown by their address (the library would otherwise write "Organizer" or
 * "Unnamed attendee").
 */
function commonName(person: CalendarPerson): string {
  const name = oneLine(person.name)
    .replaceAll('"', "'")
    .replaceAll('^', '\u02C6')
    .replaceAll('\\', '\u29F5')
    .replaceAll(';', ',');
  return name || oneLine(person.email);
}

/**
 * Folds content lines at 75 octets (RFC 5545 §3.1). The library folds at 75 characters, which is too long for
 * lines with multi-byte characters, so lines are unfolded and folded again here without splitting a character.
 */
function foldByOctets(calendar: string): string {
  const lines = calendar.replace(/\r\n[ \t]/g, '').split('\r\n');
  const folded = lines.map((line) => {
    const parts: string[] = [];
    let current = '';
    let octets = 0;
    for (const character of line) {
      const size = Buffer.byteLength(character, 'utf8');
      const limit = parts.length === 0 ? maxLineOctets : maxLineOctets - 1; // continuation lines start with a space
      if (octets + size > limit) {
        parts.push(current);
        current = '';
        octets = 0;
      }
      current += character;
      octets += size;
    }
    parts.push(current);
    return parts.join('\r\n ');
  });
  return folded.join('\r\n');
}

/**
 * The .ics text of an audition invite: one VEVENT with DTSTART/DTEND in UTC, ORGANIZER and ATTENDEE.
 *
 * @example
 * auditionInvite({ method: 'REQUEST', uid: signUpInviteUid('s1'), sequence: 0,
 *   issuedAt: clock.now(), start: new Date('2027-03-28T09:00:00Z'), durationMinutes: 15,
 *   title: 'Audition: Hamlet', description: 'Prince Hamlet', location: 'Globe Theatre, London',
 *   organizer: { name: 'Ann Lee', email: 'ann@example.com' },
 *   attendee: { name: 'Bo Park', email: 'bo@example.com' } })
 * // 'BEGIN:VCALENDAR\r\n…METHOD:REQUEST\r\n…DTSTART:20270328T090000Z\r\n…'
 */
export function auditionInvite(input: AuditionInviteInput): string {
  if (!Number.isInteger(input.sequence) || input.sequence < 0) throw new RangeError('sequence must be an integer ≥ 0');
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes <= 0) {
    throw new RangeError('durationMinutes must be a positive integer');
  }
  const attributes: EventAttributes & { timestamp: number } = {
    productId,
    method: input.method,
    uid: oneLine(input.uid),
    sequence: input.sequence,
    timestamp: input.issuedAt.getTime(),
    start: input.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: input.start.getTime() + input.durationMinutes * 60_000,
    endInputType: 'utc',
    endOutputType: 'utc',
    title: oneLine(input.title),
    description: multiLine(input.description),
    location: oneLine(input.location),
    status: input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    organizer: { name: commonName(input.organizer), email: oneLine(input.organizer.email) },
    attendees: [
      {
        name: commonName(input.attendee),
        email: oneLine(input.attendee.email),
        // Replies from the calendar are not read, so none are asked for. (ROLE and PARTSTAT are left at their
        // defaults: the library would quote their values, which RFC 5545 does not allow for those parameters.)
        rsvp: false,
      },
    ],
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw new Error('Could not build the calendar invite', { cause: error });
  return foldByOctets(value);
}

/**
 * The invite as an email attachment; the content type carries the iTIP method so mail clients offer to
 * add, update or remove the event.
 * @example inviteAttachment('REQUEST', ics) // { filename: 'audition.ics', contentType: 'text/calendar; charset=UTF-8; method=REQUEST', content: ics }
 */
export function inviteAttachment(method: InviteMethod, ics: string): EmailAttachment {
  return { filename: 'audition.ics', contentType: `text/calendar; charset=UTF-8; method=${method}`, content: ics };
}
