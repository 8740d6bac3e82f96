import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditionInviteInput } from '../../../src/domain/calendar';
import { auditionInvite, inviteAttachment, signUpInviteUid } from '../../../src/domain/calendar';
import type { InviteStamp } from '../../../src/domain/invite-stamp';
import { firstInvite, lastInviteSequence, nextInvite } from '../../../src/domain/invite-stamp';
import { auditionStart } from '../../../src/domain/reminder';

const request: AuditionInviteInput = {
  method: 'REQUEST',
  uid: signUpInviteUid('su-123'),
  sequence: 0,
  issuedAt: new Date('2027-03-01T12:00:00Z'),
  // 10:00 on Sunday 28 March 2027 in London, the morning the clocks went forward: 09:00 UTC.
  start: auditionStart({ slotStart: '2027-03-28T10:00', venueTimeZone: 'Europe/London' }),
  durationMinutes: 20,
  title: 'Audition: Hamlet',
  description: 'Audition for Hamlet.\nCharacters: Ophelia',
  location: 'Globe Theatre, 21 New Globe Walk, London',
  organizer: { name: 'Ann Lee', email: 'ann@example.com' },
  attendee: { name: 'Bo Park', email: 'bo@example.com' },
};

/** The content lines, unfolded (RFC 5545 §3.1). */
function contentLines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
}

function property(ics: string, name: string): string[] {
  return contentLines(ics)
    .filter((line) => line.split(/[;:]/, 1)[0] === name)
    .map((line) => line.slice(line.indexOf(':') + 1));
}

describe('auditionInvite', () => {
  it('writes a REQUEST with a stable UID, the start and end in UTC, and the people', () => {
    const ics = auditionInvite(request);
    expect(property(ics, 'METHOD')).toEqual(['REQUEST']);
    expect(property(ics, 'UID')).toEqual(['signup-su-123@audition-me']);
    expect(property(ics, 'SEQUENCE')).toEqual(['0']);
    expect(property(ics, 'DTSTART')).toEqual(['20270328T090000Z']);
    expect(property(ics, 'DTEND')).toEqual(['20270328T092000Z']);
    expect(property(ics, 'DTSTAMP')).toEqual(['20270301T120000Z']);
    expect(property(ics, 'STATUS')).toEqual(['CONFIRMED']);
    expect(property(ics, 'SUMMARY')).toEqual(['Audition: Hamlet']);
    expect(property(ics, 'LOCATION')).toEqual(['Globe Theatre\\, 21 New Globe Walk\\, London']);
    expect(property(ics, 'DESCRIPTION')).toEqual(['Audition for Hamlet.\\nCharacters: Ophelia']);
    expect(contentLines(ics).find((l) => l.startsWith('ORGANIZER'))).toBe(
      'ORGANIZER;CN="Ann Lee":MAILTO:ann@example.com',
    );
    expect(contentLines(ics).find((l) => l.startsWith('ATTENDEE'))).toBe(
      'ATTENDEE;RSVP=FALSE;CN="Bo Park":mailto:bo@example.com',
    );
    expect(contentLines(ics)[0]).toBe('BEGIN:VCALENDAR');
    expect(contentLines(ics).at(-1)).toBe('END:VCALENDAR');
  });

  it('keeps the UID and raises the sequence for a moved slot', () => {
    const moved = auditionInvite({ ...request, sequence: 1, start: new Date('2027-03-29T13:00:00Z') });
    expect(property(moved, 'UID')).toEqual(property(auditionInvite(request), 'UID'));
    expect(property(moved, 'SEQUENCE')).toEqual(['1']);
    expect(property(moved, 'METHOD')).toEqual(['REQUEST']);
  });

  it('cancels with the same UID and STATUS:CANCELLED', () => {
    const cancel = auditionInvite({ ...request, method: 'CANCEL', sequence: 2 });
    expect(property(cancel, 'METHOD')).toEqual(['CANCEL']);
    expect(property(cancel, 'STATUS')).toEqual(['CANCELLED']);
    expect(property(cancel, 'UID')).toEqual(['signup-su-123@audition-me']);
    expect(property(cancel, 'SEQUENCE')).toEqual(['2']);
  });

  it('ends every line with CRLF and folds lines at 75 octets, also with multi-byte text', () => {
    const ics = auditionInvite({
      ...request,
      title: `Audition: ${'Ünïcödé ✨ '.repeat(20)}`,
      description: 'Ä'.repeat(200),
      location: 'x'.repeat(300),
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(property(ics, 'DESCRIPTION')).toEqual(['Ä'.repeat(200)]);
    expect(property(ics, 'LOCATION')).toEqual(['x'.repeat(300)]);
  });

  it('cannot be made to carry extra properties through CR/LF in user text', () => {
    const ics = auditionInvite({
      ...request,
      title: 'Hamlet\r\nATTENDEE:mailto:eve@example.com\rX-EVIL:1\nMETHOD:CANCEL',
      location: 'Globe\u2028LOCATION:elsewhere',
      organizer: { name: 'Ann"\r\nX-EVIL:2', email: 'ann@example.com' },
      attendee: { name: 'Bo\nX-EVIL:3', email: 'bo@example.com' },
      description: 'Line one\r\nX-EVIL:4\rLine three',
    });
    const names = contentLines(ics).map((line) => line.split(/[;:]/, 1)[0]);
    expect(names).not.toContain('X-EVIL');
    expect(names.filter((n) => n === 'ATTENDEE')).toHaveLength(1);
    expect(names.filter((n) => n === 'METHOD')).toHaveLength(1);
    expect(names.filter((n) => n === 'LOCATION')).toHaveLength(1);
    expect(property(ics, 'METHOD')).toEqual(['REQUEST']);
    expect(property(ics, 'SUMMARY')).toEqual(['Hamlet ATTENDEE:mailto:eve@example.com X-EVIL:1 METHOD:CANCEL']);
    expect(property(ics, 'DESCRIPTION')).toEqual(['Line one\\nX-EVIL:4\\nLine three']);
  });

  it('refuses a negative sequence and an empty duration', () => {
    expect(() => auditionInvite({ ...request, sequence: -1 })).toThrow(RangeError);
    expect(() => auditionInvite({ ...request, durationMinutes: 0 })).toThrow(RangeError);
  });
});

describe('signUpInviteUid', () => {
  it('is stable for a sign-up and refuses ids that would not make a clean UID', () => {
    expect(signUpInviteUid('01J9ZK3M')).toBe('signup-01J9ZK3M@audition-me');
    expect(signUpInviteUid('01J9ZK3M')).toBe(signUpInviteUid('01J9ZK3M'));
    expect(() => signUpInviteUid('a\r\nb')).toThrow(RangeError);
    expect(() => signUpInviteUid('')).toThrow(RangeError);
  });
});

describe('inviteAttachment', () => {
  it('names the iTIP method in the content type', () => {
    expect(inviteAttachment('CANCEL', 'BEGIN:VCALENDAR\r\n')).toEqual({
      filename: 'audition.ics',
      contentType: 'text/calendar; charset=UTF-8; method=CANCEL',
      content: 'BEGIN:VCALENDAR\r\n',
    });
  });
});

describe('the invite versions of one sign-up', () => {
  it('raise SEQUENCE by one with every invite, whatever the times, and stamp each with its change', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.date({
            min: new Date('2026-01-01T00:00:00Z'),
            max: new Date('2026-01-01T00:01:00Z'),
            noInvalidDate: true,
          }),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        (changes) => {
          let signUp: { invite?: InviteStamp } = { invite: firstInvite(new Date('2026-01-01T00:00:00Z')) };
          const sequences = [0];
          for (const at of changes) {
            const invite = nextInvite(signUp, at);
            expect(invite.issuedAt).toBe(at.toISOString());
            sequences.push(invite.sequence);
            signUp = { invite };
          }
          expect(sequences).toEqual(sequences.map((_, i) => i));
        },
      ),
    );
  });

  it('continue above the time-derived SEQUENCE of a sign-up written before invites were kept', () => {
    const legacy = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' };
    const next = nextInvite({ invite: undefined, ...legacy }, new Date('2026-02-01T00:00:01Z'));
    expect(next.sequence).toBeGreaterThan(lastInviteSequence(legacy));
    expect(lastInviteSequence({ ...legacy, invite: next })).toBe(next.sequence);
  });
});
