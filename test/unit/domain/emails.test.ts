import { describe, expect, it } from 'vitest';
import type { PerformanceFacts, Recipient, RenderedEmail, SlotFacts } from '../../../src/domain/emails';
import {
  renderAuditionReminder,
  renderCancellation,
  renderCast,
  renderCastUndone,
  renderNotCast,
  renderSignUpConfirmation,
  renderSignUpReceived,
  renderSlotMoved,
  renderWithdrawal,
  renderWithdrawalReceived,
} from '../../../src/domain/emails';
import { emailMessage } from '../../../src/schemas/email-message';

const performance: PerformanceFacts = {
  title: 'Hamlet',
  venue: {
    name: 'Globe Theatre',
    address: '21 New Globe Walk',
    city: 'London',
    country: 'United Kingdom',
    timeZone: 'Europe/London',
  },
  director: { name: 'Ann Lee', email: 'ann@example.com' },
};
// Sunday 28 March 2027, 10:00 BST at the venue; 02:00 PDT in Los Angeles.
const slot: SlotFacts = {
  start: new Date('2027-03-28T09:00:00Z'),
  durationMinutes: 20,
  location: { name: 'Globe Theatre', address: '21 New Globe Walk' },
};
const bo: Recipient = { name: 'Bo Park', email: 'bo@example.com', timeZone: 'America/Los_Angeles' };
const ann: Recipient = { name: 'Ann Lee', email: 'ann@example.com', timeZone: 'Europe/London' };
const cy: Recipient = { name: 'Cy Ho', email: 'cy@example.com', timeZone: 'Asia/Kathmandu' };
const di: Recipient = { name: 'Di Roe', email: 'di@example.com', timeZone: 'Europe/London' };
const invite = { signUpId: 'su-1', sequence: 0, issuedAt: new Date('2027-03-01T12:00:00Z') };
const characters = ['Ophelia', 'Gertrude'];
const link = { label: 'See your auditions in Audition Me', url: 'https://app.example.org/my/auditions' };
const venueTime = 'Sunday 28 March 2027, 10:00 BST';
const boTime = 'Sunday 28 March 2027, 02:00 PDT your time (10:00 BST at the venue)';

/** Every kind, rendered with the given performance and reader. */
function everyKind(p: PerformanceFacts = performance, reader: Recipient = bo): [string, RenderedEmail][] {
  const audition = { recipient: reader, performance: p, slot, characters };
  return [
    ['sign-up received', renderSignUpReceived({ link, ...audition, performer: { ...reader, phone: '+14155550123' } })],
    [
      'confirmation',
      renderSignUpConfirmation({ link, ...audition, invite, reminderAt: new Date('2027-03-28T02:00:00Z') }),
    ],
    ['withdrawal', renderWithdrawal({ link, ...audition, invite: { ...invite, sequence: 1 } })],
    ['cast', renderCast({ link, recipient: reader, performance: p, character: 'Ophelia' })],
    ['cast undone', renderCastUndone({ link, recipient: reader, performance: p, character: 'Ophelia' })],
    [
      'withdrawal received',
      renderWithdrawalReceived({ link, ...audition, performer: { ...reader, phone: '+14155550123' } }),
    ],
    ['not cast', renderNotCast({ link, recipient: reader, performance: p, characters })],
    [
      'cancellation',
      renderCancellation({ link, ...audition, reason: 'performance-deleted', invite: { ...invite, sequence: 1 } }),
    ],
    ['slot moved', renderSlotMoved({ link, ...audition, previousSlot: slot, invite: { ...invite, sequence: 1 } })],
    ['reminder', renderAuditionReminder({ link, recipients: [reader], performance: p, slot })],
  ];
}

describe('every kind links to the page where the reader acts on it', () => {
  it.each(everyKind())('%s', (_kind, email) => {
    expect(email.text).toContain(`See your auditions in Audition Me: ${link.url}`);
    expect(email.html).toContain(`<a href="${link.url}">See your auditions in Audition Me</a>`);
  });
});

function icsOf(email: RenderedEmail): string {
  expect(email.attachments).toHaveLength(1);
  return (email.attachments?.[0]?.content ?? '').replace(/\r\n[ \t]/g, '');
}

describe('(a) sign-up received', () => {
  it('tells the director who signed up, how to reach them, for what and when, in both zones', () => {
    const performer = { name: 'Bo Park', email: 'bo@example.com', phone: '+14155550123' };
    const email = renderSignUpReceived({ link, recipient: ann, performance, slot, characters, performer });
    expect(email.subject).toBe('New audition sign-up: Bo Park for Hamlet');
    for (const body of [email.text, email.html]) {
      for (const fact of [
        'Hi Ann Lee,',
        'Bo Park',
        'bo@example.com',
        '+14155550123',
        'Ophelia and Gertrude',
        venueTime,
      ]) {
        expect(body).toContain(fact);
      }
    }
    const abroad = renderSignUpReceived({
      link,
      recipient: { ...ann, timeZone: 'America/New_York' },
      performance,
      slot,
      characters,
      performer,
    });
    expect(abroad.text).toContain(
      'Bo Park has signed up to audition for Hamlet on Sunday 28 March 2027, 05:00 EDT your time (10:00 BST at the venue).',
    );
    expect(email.attachments).toBeUndefined();
  });
});

describe('(a′) withdrawal received', () => {
  it('tells the director who withdrew from which audition, in the reader’s zone and the venue’s', () => {
    const performer = { name: 'Bo Park', email: 'bo@example.com', phone: '+14155550123' };
    const reader = { ...ann, timeZone: 'America/New_York' };
    const email = renderWithdrawalReceived({ link, recipient: reader, performance, slot, characters, performer });
    expect(email.subject).toBe('Withdrawn from the audition: Bo Park for Hamlet');
    expect(email.text).toContain('Bo Park has withdrawn from the audition for Hamlet');
    expect(email.text).toContain('Sunday 28 March 2027, 05:00 EDT your time (10:00 BST at the venue)');
    expect(email.attachments).toBeUndefined();
  });
});

describe('(d′) casting undone', () => {
  it('tells the performer they are no longer cast, and that their audition still counts', () => {
    const email = renderCastUndone({ link, recipient: bo, performance, character: 'Ophelia' });
    expect(email.subject).toBe('You are no longer cast as Ophelia in Hamlet');
    expect(email.text).toContain('has undone your casting as Ophelia');
    expect(email.text).not.toContain('When:');
    expect(email.attachments).toBeUndefined();
  });

  it('shows an audition moved while the performer was cast, and moves it in their calendar', () => {
    const now: SlotFacts = { ...slot, start: new Date('2027-03-29T13:00:00Z') };
    const email = renderCastUndone({
      link,
      recipient: bo,
      performance,
      character: 'Ophelia',
      moved: { slot: now, previousSlot: slot, characters, invite: { ...invite, sequence: 3 } },
    });
    expect(email.subject).toBe('You are no longer cast as Ophelia in Hamlet');
    expect(email.text).toContain('When: Monday 29 March 2027, 06:00 PDT your time (14:00 BST at the venue)');
    expect(email.text).toContain(`Previously: ${boTime}`);
    expect(email.text).not.toContain('Previously at:');
    const ics = icsOf(email);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('SEQUENCE:3');
    expect(ics).toContain('UID:signup-su-1@audition-me');
    expect(ics).toContain('DTSTART:20270329T130000Z');
  });
});

describe('(b) sign-up confirmation', () => {
  it('confirms the audition in both zones, says when the reminder comes, and attaches a REQUEST', () => {
    const email = renderSignUpConfirmation({
      link,
      recipient: bo,
      performance,
      slot,
      characters,
      invite,
      reminderAt: new Date('2027-03-28T02:00:00Z'),
    });
    expect(email.subject).toBe('Audition confirmed: Hamlet, Sunday 28 March 2027, 02:00 PDT');
    for (const body of [email.text, email.html]) {
      expect(body).toContain(boTime);
      expect(body).toContain('Globe Theatre, 21 New Globe Walk, London, United Kingdom');
      expect(body).toContain('Saturday 27 March 2027, 19:00 PDT');
    }
    const ics = icsOf(email);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('UID:signup-su-1@audition-me');
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toContain('DTSTART:20270328T090000Z');
    expect(ics).toContain('ATTENDEE;RSVP=FALSE;CN="Bo Park":mailto:bo@example.com');
    expect(email.attachments?.[0]?.contentType).toBe('text/calendar; charset=UTF-8; method=REQUEST');
  });

  it('says the confirmation stands in for the reminder when none is planned', () => {
    const email = renderSignUpConfirmation({
      link,
      recipient: bo,
      performance,
      slot,
      characters,
      invite,
      reminderAt: undefined,
    });
    expect(email.text).toContain('no separate reminder');
  });
});

describe('(c) withdrawal', () => {
  it('confirms the withdrawal and cancels the same calendar event', () => {
    const email = renderWithdrawal({
      link,
      recipient: bo,
      performance,
      slot,
      characters,
      invite: { ...invite, sequence: 1 },
    });
    expect(email.subject).toBe('You have withdrawn from the audition for Hamlet');
    expect(email.text).toContain(boTime);
    const ics = icsOf(email);
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('UID:signup-su-1@audition-me');
    expect(ics).toContain('SEQUENCE:1');
  });
});

describe('(d) cast', () => {
  it('names the character and the director to hear from', () => {
    const email = renderCast({ link, recipient: bo, performance, character: 'Ophelia' });
    expect(email.subject).toBe('You have been cast as Ophelia in Hamlet');
    expect(email.text).toContain('Congratulations! You have been cast as Ophelia in Hamlet.');
    expect(email.html).toContain('Ann Lee (ann@example.com)');
  });
});

describe('(e) not cast', () => {
  it('gives the final status kindly', () => {
    const email = renderNotCast({ link, recipient: bo, performance, characters: ['Ophelia'] });
    expect(email.subject).toBe('Casting for Hamlet has closed');
    expect(email.text).toContain('Thank you for auditioning for Ophelia in Hamlet.');
    expect(email.text).toContain('you have not been cast this time');
  });
});

describe('(f) cancellation', () => {
  it.each([
    ['performance-deleted', 'Hamlet has been taken down by its director'],
    ['slot-removed', 'The director has removed the audition slot you signed up for in Hamlet'],
    ['casting-closed', 'Casting for Hamlet closed before your audition'],
  ] as const)('explains %s and cancels the calendar event', (reason, explanation) => {
    const email = renderCancellation({
      link,
      recipient: bo,
      performance,
      slot,
      characters,
      reason,
      invite: { ...invite, sequence: 1 },
    });
    expect(email.subject).toBe('Audition cancelled: Hamlet');
    expect(email.text).toContain(explanation);
    expect(email.text).toContain(boTime);
    expect(icsOf(email)).toMatch(/METHOD:CANCEL[\s\S]*UID:signup-su-1@audition-me[\s\S]*STATUS:CANCELLED/);
  });
});

describe('(g) slot moved', () => {
  it('shows the new and the old time in both zones and updates the event with a higher sequence', () => {
    const moved: SlotFacts = {
      ...slot,
      start: new Date('2027-03-29T13:00:00Z'),
      location: { name: 'Studio 2', address: '1 Bankside' },
    };
    const email = renderSlotMoved({
      link,
      recipient: bo,
      performance,
      slot: moved,
      previousSlot: slot,
      characters,
      invite: { ...invite, sequence: 1 },
    });
    expect(email.subject).toBe('Audition moved: Hamlet, now Monday 29 March 2027, 06:00 PDT');
    expect(email.text).toContain('When: Monday 29 March 2027, 06:00 PDT your time (14:00 BST at the venue)');
    expect(email.text).toContain(`Previously: ${boTime}`);
    expect(email.text).toContain('Previously at: Globe Theatre, 21 New Globe Walk, London, United Kingdom');
    expect(email.text).toContain('Where: Studio 2, 1 Bankside, London, United Kingdom');
    const ics = icsOf(email);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain('UID:signup-su-1@audition-me');
    expect(ics).toContain('DTSTART:20270329T130000Z');
  });
});

describe('(h) reminder', () => {
  it('reads as a personal email for one reader, with both zones', () => {
    const email = renderAuditionReminder({ link, recipients: [bo], performance, slot });
    expect(email.subject).toBe('Reminder: your audition for Hamlet, Sunday 28 March 2027, 02:00 PDT');
    expect(email.text).toContain('Hi Bo Park,');
    expect(email.text).toContain(`When: ${boTime}`);
  });

  it('for readers in several zones, greets them all and lists the venue’s time and each of their zones', () => {
    const email = renderAuditionReminder({ link, recipients: [bo, di, cy], performance, slot });
    expect(email.subject).toBe(`Reminder: your audition for Hamlet, ${venueTime}`);
    expect(email.text).toContain('Hello,');
    expect(email.text).toContain(`At the venue: ${venueTime}`);
    expect(email.text).toContain('Los Angeles time: Sunday 28 March 2027, 02:00 PDT');
    expect(email.text).toContain('Kathmandu time: Sunday 28 March 2027, 14:45 GMT+5:45');
    expect(email.text).not.toContain('London time');
    for (const reader of [bo, di, cy]) expect(email.text).not.toContain(reader.name);
  });
});

describe('every kind', () => {
  it('escapes user text in the HTML body', () => {
    const hostile = { ...performance, title: '<script>alert("x")</script> & Co' };
    for (const [kind, email] of everyKind(hostile, { ...bo, name: '<img src=x onerror=alert(1)>' })) {
      expect(email.html, kind).not.toContain('<script>');
      expect(email.html, kind).not.toContain('<img');
      expect(email.html, kind).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    }
  });

  it('keeps CR/LF and other control characters out of subjects, and subjects under 200 characters', () => {
    const hostile = { ...performance, title: `Hamlet\r\nBcc: x@y\u0000\u2028${'long '.repeat(100)}` };
    for (const [kind, email] of everyKind(hostile, { ...bo, name: 'Bo\r\nBcc: x@y' })) {
      expect(email.subject, kind).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
      expect(email.subject.length, kind).toBeLessThanOrEqual(200);
      expect(email.subject, kind).toContain('Hamlet Bcc: x@y');
    }
    const received = renderSignUpReceived({
      link,
      recipient: ann,
      performance,
      slot,
      characters,
      performer: { name: 'Bo\r\nBcc: x@y', email: 'bo@example.com', phone: '+14155550123' },
    });
    expect(received.subject).toBe('New audition sign-up: Bo Bcc: x@y for Hamlet');
  });

  it('makes messages the mailer accepts', () => {
    for (const [kind, email] of [...everyKind(), ...everyKind({ ...performance, title: 'Ü'.repeat(400) })]) {
      const parsed = emailMessage.safeParse({ idempotencyKey: 'k', to: ['bo@example.com'], ...email });
      expect(parsed.success, `${kind}: ${parsed.error?.message}`).toBe(true);
    }
  });
});
