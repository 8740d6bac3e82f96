import fc from 'fast-check';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import type { AuditionInviteInput, CalendarPerson } from '../../../src/domain/calendar';
import { auditionInvite, signUpInviteUid } from '../../../src/domain/calendar';
import { oneLine as emailOneLine } from '../../../src/domain/emails/layout';
import { lastInviteSequence } from '../../../src/domain/invite-stamp';
import { auditionStart } from '../../../src/domain/reminder';
import { signUpCalendar } from '../../../src/domain/sign-up-calendar';
import type { SignUpRecord, SignUpStatus } from '../../../src/domain/signup';
import { email as emailSchema } from '../../../src/schemas/common';
import { early, storedSignUp } from './decisions/fixtures';

// Every calendar we write is read back by two independent parsers — ical.js (Mozilla's, strict RFC 5545) and
// node-ical — and what they read must be what we meant. "What we meant" is the input after these rules, which
// src/domain/calendar.ts applies on purpose:
// - text (SUMMARY, LOCATION, CN): each run of control characters (Cc), line or paragraph separators becomes one
//   space, and the ends are trimmed (String#trim). DESCRIPTION keeps its line breaks (CR, LF and CRLF all read back
//   as LF) and trims the end of each line.
// - direction marks, overrides and isolates, and U+FEFF, are removed (our input schemas refuse them too); other
//   format characters, such as the zero-width joiner inside an emoji, stay.
// - a lone UTF-16 surrogate becomes U+FFFD (it has no UTF-8 form).
// - `TZID=` becomes `TZID＝` (U+FF1D): node-ical strips every `"` from a line that contains `TZID=`.
// - a text value that is empty after that is left out.
// - CN: `"` → `'`, `^` → `ˆ` (U+02C6), `\` → `⧵` (U+29F5), `;` → `,`; an empty name gives the email address.
// - times are whole seconds (DTSTART, DTEND and DTSTAMP drop milliseconds).
const wellFormed = (s: string) =>
  s
    .replace(/\p{Cs}/gu, '\uFFFD')
    .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu, '')
    .replaceAll('TZID=', 'TZID＝');
const textLine = (s: string) =>
  wellFormed(s)
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .trim();
const textLines = (s: string) =>
  wellFormed(s)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trimEnd())
    .join('\n');
const commonName = (p: CalendarPerson) =>
  textLine(p.name).replaceAll('"', "'").replaceAll('^', 'ˆ').replaceAll('\\', '⧵').replaceAll(';', ',') ||
  textLine(p.email);
const wholeSeconds = (d: Date) => Math.floor(d.getTime() / 1000) * 1000;

// node-ical 0.26.1 has two text-reading defects of its own, for text we write as RFC 5545 says
// (`\\n` for a backslash followed by n): it reads an `n` or `N` right after a backslash as a line break, and drops
// double quotes that wrap a whole one-line value. What it reads is compared with what it is known to make of
// the intended text.
const asNodeIcalReads = (s: string | undefined) => s?.replace(/(?<=\\)[nN]/g, '\n').replace(/^"(.*)"$/, '$1');

interface ReadPerson {
  email: string;
  name: string | undefined;
}
interface ReadEvent {
  uid: string;
  sequence: number;
  start: number;
  end: number;
  stamp: number;
  summary: string | undefined;
  description: string | undefined;
  location: string | undefined;
  status: string;
  organizer: ReadPerson;
  attendees: ReadPerson[];
}
interface ReadCalendar {
  method: string;
  events: ReadEvent[];
}

const address = (value: unknown) => String(value).replace(/^mailto:/i, '');

function readWithIcalJs(ics: string): ReadCalendar {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const instant = (event: ICAL.Component, name: string) =>
    (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().getTime();
  const person = (p: ICAL.Property): ReadPerson => ({
    email: address(p.getFirstValue()),
    name: p.getParameter('cn') as string | undefined,
  });
  const text = (event: ICAL.Component, name: string) =>
    (event.getFirstPropertyValue(name) as string | null) ?? undefined;
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    events: calendar.getAllSubcomponents('vevent').map((event) => ({
      uid: String(event.getFirstPropertyValue('uid')),
      sequence: Number(event.getFirstPropertyValue('sequence')),
      start: instant(event, 'dtstart'),
      end: instant(event, 'dtend'),
      stamp: instant(event, 'dtstamp'),
      summary: text(event, 'summary'),
      description: text(event, 'description'),
      location: text(event, 'location'),
      status: String(event.getFirstPropertyValue('status')),
      organizer: person(event.getFirstProperty('organizer')!),
      attendees: event.getAllProperties('attendee').map(person),
    })),
  };
}

type NodeIcalPerson = string | { params?: { CN?: unknown }; val: string };
function readWithNodeIcal(ics: string): ReadCalendar {
  const parsed = ical.sync.parseICS(ics);
  const components = Object.values(parsed) as unknown as Record<string, unknown>[];
  const person = (p: NodeIcalPerson): ReadPerson =>
    typeof p === 'string'
      ? { email: address(p), name: undefined }
      : { email: address(p.val), name: p.params?.CN === undefined ? undefined : String(p.params.CN) };
  const optional = (v: unknown) => (v === undefined ? undefined : String(v));
  return {
    method: String(components.find((c) => c.type === 'VCALENDAR')?.method),
    events: components
      .filter((c) => c.type === 'VEVENT')
      .map((e) => ({
        uid: String(e.uid),
        sequence: Number(e.sequence),
        start: (e.start as Date).getTime(),
        end: (e.end as Date).getTime(),
        stamp: (e.dtstamp as Date).getTime(),
        summary: optional(e.summary),
        description: optional(e.description),
        location: optional(e.location),
        status: String(e.status),
        organizer: person(e.organizer as NodeIcalPerson),
        attendees: ([] as NodeIcalPerson[]).concat((e.attendee as NodeIcalPerson | NodeIcalPerson[]) ?? []).map(person),
      })),
  };
}

const readers = [
  ['ical.js', readWithIcalJs, (s: string | undefined) => s],
  ['node-ical', readWithNodeIcal, asNodeIcalReads],
] as const;

/** The framing every reader relies on: CRLF only, lines of at most 75 octets, folds between whole characters. */
function expectWellFramed(ics: string): void {
  expect(ics.endsWith('\r\n')).toBe(true);
  expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  for (const line of ics.slice(0, -2).split('\r\n')) {
    const octets = Buffer.from(line, 'utf8');
    expect(octets.length).toBeLessThanOrEqual(75);
    expect(octets.toString('utf8')).toBe(line); // no split UTF-8 sequence, no lone surrogate
  }
}

// Hostile pieces of text: iCalendar delimiters and escapes, controls, RFC 6868 carets, look-alike properties,
// multi-byte characters (2, 3 and 4 octets, joined emoji) and lone surrogates.
const hostilePiece = fc.oneof(
  fc.constantFrom(',', ';', ':', '\\', '"', '\r', '\n', '\r\n', '\t', '\u0000', '\u0007', '\u001b', '\u007f'),
  fc.constantFrom('\u0085', '\u2028', '\u2029', '\u200d', '\ufeff', '\u202e', '\u2066', '\u200f', '\u00ad'),
  fc.constantFrom('\u00a0', '\u3000', '\ud800', '\udc00', '\udbff\udbff', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'),
  fc.constantFrom('^', '^n', "^'", '^^', '\\n', '\\N', '\\,', 'mailto:', 'a@b.example', '\r\nX-EVIL:1', ' '),
  fc.constantFrom('TZID=', 'TZID=Europe/London:', '=', 'CN=', 'BEGIN:VEVENT', 'END:VCALENDAR'),
  fc.constantFrom('é', '€', '日本', '😀', '👩‍🎤', '🏳️‍🌈', 'ñ', '\u0301'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ maxLength: 8 }),
);
const hostileText = fc.oneof(
  fc.array(hostilePiece, { maxLength: 40 }).map((parts) => parts.join('')),
  // multi-byte characters just around a fold: a run of ASCII that brings the next character to the 75th octet
  fc
    .tuple(fc.integer({ min: 0, max: 160 }), fc.array(hostilePiece, { minLength: 1, maxLength: 20 }))
    .map(([n, parts]) => 'x'.repeat(n) + parts.join('')),
  fc.string({ unit: 'binary', minLength: 500, maxLength: 3000 }),
  fc.constantFrom('', ' ', '\r\n', '\t \u0000', '"', '""', '"Hamlet"'),
);
const validEmail = fc.emailAddress().filter((e) => emailSchema.safeParse(e).success && e === e.toLowerCase());
const person = fc.record({ name: hostileText, email: validEmail });
// Any instant from 2000 to 2099, to the millisecond (the calendar keeps whole seconds).
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }).map((ms) => new Date(ms));

const invite = fc.record<AuditionInviteInput>({
  method: fc.constantFrom('REQUEST', 'CANCEL'),
  uid: fc.stringMatching(/^[A-Za-z0-9._-]{1,100}$/).map(signUpInviteUid),
  sequence: fc.nat({ max: 2 ** 31 - 1 }),
  issuedAt: instant,
  start: instant,
  durationMinutes: fc.integer({ min: 1, max: 24 * 60 }),
  title: hostileText,
  description: hostileText,
  location: hostileText,
  organizer: person,
  attendee: person,
});

describe('an audition invite, as two calendar parsers read it', () => {
  it('reads back every field as meant, whatever text it carries', () => {
    fc.assert(
      fc.property(invite, (input) => {
        const ics = auditionInvite(input);
        expectWellFramed(ics);
        for (const [, read, reads] of readers) {
          const calendar = read(ics);
          expect(calendar.method).toBe(input.method);
          expect(calendar.events).toHaveLength(1);
          const [event] = calendar.events;
          expect(event).toEqual({
            uid: input.uid,
            sequence: input.sequence,
            start: wholeSeconds(input.start),
            end: wholeSeconds(input.start) + input.durationMinutes * 60_000,
            stamp: wholeSeconds(input.issuedAt),
            summary: reads(textLine(input.title) || undefined),
            description: reads(textLines(input.description) || undefined),
            location: reads(textLine(input.location) || undefined),
            status: input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
            organizer: { email: input.organizer.email, name: commonName(input.organizer) },
            attendees: [{ email: input.attendee.email, name: commonName(input.attendee) }],
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a zero-width joiner inside an emoji', { title: 'Audition 👩‍🎤 and 🏳️‍🌈' }, 'Audition 👩‍🎤 and 🏳️‍🌈'],
    ['a lone surrogate', { title: 'Ham\ud800let' }, 'Ham\uFFFDlet'],
    ['a direction override, removed', { title: 'Hamlet \u202Egnp.exe' }, 'Hamlet gnp.exe'],
    ['tags inside a flag and a soft hyphen', { title: 'Mac\u00ADbeth 🏴󠁧󠁢󠁳󠁣󠁴󠁿' }, 'Mac\u00ADbeth 🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
    ['a 4-octet character across the 75th octet', { title: `${'x'.repeat(64)}😀😀` }, `${'x'.repeat(64)}😀😀`],
  ])('keeps the text with %s', (_, change, summary) => {
    const ics = auditionInvite({ ...sampleInvite(), ...change });
    expectWellFramed(ics);
    for (const [, read] of readers) expect(read(ics).events[0]?.summary).toBe(summary);
  });

  it.each([
    ['RFC 6868 escapes', "Jo^n O^'Neil^^", "Joˆn Oˆ'Neilˆˆ"],
    ['a semicolon', 'Lee; Ann', 'Lee, Ann'],
    ['backslashes', 'Ann\\nLee\\, \\\\B', 'Ann⧵nLee⧵, ⧵⧵B'],
    ['double quotes', 'Ann "Nan" Lee', "Ann 'Nan' Lee"],
    ['no name at all', ' \r\n ', 'bo@example.com'],
    ['TZID= and a colon', 'TZID=Europe/London: x', 'TZID＝Europe/London: x'],
  ])('writes a CN every reader reads alike, for a name with %s', (_, name, cn) => {
    const ics = auditionInvite({ ...sampleInvite(), attendee: { name, email: 'bo@example.com' } });
    for (const [, read] of readers)
      expect(read(ics).events[0]?.attendees).toEqual([{ email: 'bo@example.com', name: cn }]);
  });

  it('writes each audition at the instant meant at the venue, around daylight-saving changes', () => {
    fc.assert(
      fc.property(dstZone, fc.integer({ min: -24 * 4, max: 24 * 4 }), (zone, quarterHours) => {
        const { name, change } = zone;
        const local = DateTime.fromMillis(change + quarterHours * 15 * 60_000, { zone: name }).toFormat(
          "yyyy-MM-dd'T'HH:mm",
        );
        const start = auditionStart({ slotStart: local, venueTimeZone: name });
        const ics = auditionInvite({ ...sampleInvite(), start });
        for (const [, read] of readers) {
          const [event] = read(ics).events;
          expect(event?.start).toBe(start.getTime());
          // a wall-clock time that exists at the venue reads back as that time there
          expect(DateTime.fromMillis(event?.start ?? 0, { zone: name }).toFormat("yyyy-MM-dd'T'HH:mm")).toBe(local);
        }
      }),
    );
  });
});

describe('the calendars of many sign-ups, as two calendar parsers read them', () => {
  it('give every sign-up its own event, UID and METHOD, with the hostile text it carries read back', () => {
    const signUps = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,12}$/), { minLength: 1, maxLength: 8 }).chain((ids) =>
      fc.tuple(
        ...ids.map((performerId) =>
          fc.record({
            performerId: fc.constant(performerId),
            status: fc.constantFrom<SignUpStatus>('signed-up', 'cast', 'withdrawn', 'not-cast', 'cancelled'),
            title: hostileText,
            place: hostileText,
            director: person,
            performer: person,
          }),
        ),
      ),
    );
    fc.assert(
      fc.property(signUps, instant, (choices, issuedAt) => {
        const records: SignUpRecord[] = choices.map((c) => {
          const base = storedSignUp({ performerId: c.performerId, status: c.status });
          return {
            ...base,
            performance: { ...base.performance, title: c.title, director: c.director },
            slot: { ...base.slot, location: { ...base.slot.location, name: c.place } },
            performer: { ...base.performer, ...c.performer },
          };
        });
        const uids = new Set<string>();
        for (const record of records) {
          const attachment = signUpCalendar(record, issuedAt);
          expectWellFramed(attachment.content);
          const method = /method=(\w+)$/.exec(attachment.contentType)?.[1];
          expect(method).toBe(['signed-up', 'cast'].includes(record.status) ? 'REQUEST' : 'CANCEL');
          for (const [, read, reads] of readers) {
            const calendar = read(attachment.content);
            expect(calendar.method).toBe(method);
            expect(calendar.events).toHaveLength(1);
            const [event] = calendar.events;
            expect(event?.uid).toBe(signUpInviteUid(record.signUpId));
            expect(event?.sequence).toBe(lastInviteSequence(record));
            expect(event?.start).toBe(Date.parse(record.slot.startsAt));
            expect(event?.stamp).toBe(wholeSeconds(issuedAt));
            // the title as every email writes it (src/domain/emails/layout.ts), then the calendar's rules
            expect(event?.summary).toBe(reads(textLine(`Audition: ${emailOneLine(record.performance.title)}`)));
            expect(event?.organizer).toEqual({
              email: record.performance.director.email,
              name: commonName(record.performance.director),
            });
            expect(event?.attendees).toEqual([{ email: record.performer.email, name: commonName(record.performer) }]);
          }
          uids.add(signUpInviteUid(record.signUpId));
        }
        expect(uids.size).toBe(records.length);
      }),
      { numRuns: 40 },
    );
  });
});

function sampleInvite(): AuditionInviteInput {
  return {
    method: 'REQUEST',
    uid: signUpInviteUid('su-1'),
    sequence: 0,
    issuedAt: early,
    start: new Date('2027-03-28T09:00:00Z'),
    durationMinutes: 20,
    title: 'Audition: Hamlet',
    description: 'Audition for Hamlet.',
    location: 'Globe Theatre',
    organizer: { name: 'Ann Lee', email: 'ann@example.com' },
    attendee: { name: 'Bo Park', email: 'bo@example.com' },
  };
}

/** The daylight-saving changes of a few venue zones in 2026–2028 (north, south, half-hour and 45-minute offsets). */
const dstZone = fc.constantFrom(
  ...['Europe/London', 'America/New_York', 'Australia/Sydney', 'Pacific/Chatham', 'Australia/Lord_Howe'].flatMap(
    (name) => {
      const changes: { name: string; change: number }[] = [];
      let at = DateTime.fromISO('2026-01-01T00:00Z', { zone: name });
      while (at.year < 2029) {
        const next = at.plus({ minutes: 15 });
        if (next.offset !== at.offset) changes.push({ name, change: next.toMillis() });
        at = next;
      }
      return changes;
    },
  ),
);
