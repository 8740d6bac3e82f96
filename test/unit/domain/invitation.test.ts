import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderInvitation } from '../../../src/domain/emails';
import {
  AuditionStartedError,
  CastingClosedError,
  InvalidReferenceError,
  InvitationsOffError,
  NotFoundError,
  PerformerNotFoundError,
  ValidationError,
} from '../../../src/domain/errors';
import type { Invitation } from '../../../src/domain/invitation';
import {
  checkInvitationSetting,
  invitationDay,
  invitationLimitReached,
  invitationMarked,
  invitationsPerDirectorPerDay,
  invite,
  parseInvitationId,
  performerInvitation,
  shownInvitationStatus,
} from '../../../src/domain/invitation';
import { emailsFor } from '../../../src/domain/notification-emails';
import { early, performance, performer } from './decisions/fixtures';

const listed = { ...performer('pat', 'America/New_York'), listed: true };

describe('invite', () => {
  it('invites a listed performer for a slot: the invitation, the UTC day it counts against, the email', () => {
    const decision = invite(performance, listed, { performerId: 'pat', slotId: 's2', message: 'Sing for us' }, early);
    expect(decision.invitation).toMatchObject({
      invitationId: 'p1_pat',
      performanceId: 'p1',
      performerId: 'pat',
      directorId: 'owner',
      performerName: 'Performer pat',
      slot: { slotId: 's2', startsAt: '2027-04-04T13:00:00.000Z' },
      message: 'Sing for us',
      status: 'sent',
      createdAt: early.toISOString(),
    });
    expect(decision.day).toEqual({ day: '2027-03-01', endsAt: new Date('2027-03-02T00:00:00Z') });
    expect(decision.notification).toMatchObject({
      kind: 'invitation',
      to: { name: 'Performer pat', email: 'pat@example.com', timeZone: 'America/New_York' },
      invitationId: 'p1_pat',
      slot: { slotId: 's2' },
      message: 'Sing for us',
    });
  });

  it('leaves the slot and the message out when none is given', () => {
    const { invitation, notification } = invite(performance, listed, { performerId: 'pat' }, early);
    expect('slot' in invitation || 'message' in invitation).toBe(false);
    expect('slot' in notification || 'message' in notification).toBe(false);
  });

  it('treats an unknown id, a director and an unlisted performer alike: performer-not-found', () => {
    const director = { ...listed, role: 'director' as const };
    for (const profile of [undefined, director, performer('pat'), { ...listed, listed: false }]) {
      expect(() => invite(performance, profile, { performerId: 'pat' }, early)).toThrow(PerformerNotFoundError);
    }
  });

  it('refuses a performer who turned invitations off, a closed casting, a foreign slot and a begun audition', () => {
    const request = { performerId: 'pat' };
    expect(() => invite(performance, { ...listed, invitations: false }, request, early)).toThrow(InvitationsOffError);
    expect(invite(performance, { ...listed, invitations: true }, request, early).invitation.status).toBe('sent');
    expect(() => invite({ ...performance, castingClosed: true }, listed, request, early)).toThrow(CastingClosedError);
    expect(() => invite(performance, listed, { ...request, slotId: 'nope' }, early)).toThrow(InvalidReferenceError);
    const afterFirstSlot = new Date('2027-03-28T09:00:00Z');
    expect(() => invite(performance, listed, { ...request, slotId: 's1' }, afterFirstSlot)).toThrow(
      AuditionStartedError,
    );
    expect(invite(performance, listed, { ...request, slotId: 's2' }, afterFirstSlot).invitation.slot?.slotId).toBe(
      's2',
    );
  });
});

describe('the daily limit', () => {
  it('is 20 a director, counted per UTC day, and tells when the next day starts', () => {
    expect(invitationsPerDirectorPerDay).toBe(20);
    expect(invitationDay(new Date('2027-03-01T23:59:59.999Z')).day).toBe('2027-03-01');
    expect(invitationDay(new Date('2027-03-02T00:00:00Z')).day).toBe('2027-03-02');
    const refusal = invitationLimitReached(new Date('2027-03-01T23:59:00Z'));
    expect([refusal.code, refusal.retryAfterSeconds]).toEqual(['invitation-limit', 60]);
    expect(invitationLimitReached(new Date('2027-03-01T00:00:00Z')).retryAfterSeconds).toBe(24 * 3600);
  });
});

describe('invitation ids', () => {
  it('name a performance and a performer, and only the performer may use theirs', () => {
    expect(parseInvitationId('a1b2c3d4e5f6_5f0c-9a_x')).toEqual({
      performanceId: 'a1b2c3d4e5f6',
      performerId: '5f0c-9a_x',
    });
    for (const bad of ['', 'nounderscore', '_u1', 'p1_', 'p1_u 1', `${'p'.repeat(65)}_u1`]) {
      expect(parseInvitationId(bad), bad).toBeUndefined();
    }
    expect(performerInvitation('p1_pat', 'pat')).toEqual({ performanceId: 'p1', performerId: 'pat' });
    expect(() => performerInvitation('p1_pat', 'someone-else')).toThrow(NotFoundError);
    expect(() => performerInvitation('garbage', 'pat')).toThrow(NotFoundError);
  });
});

describe('the status of an invitation', () => {
  const sent: Invitation = invite(performance, listed, { performerId: 'pat' }, early).invitation;
  const later = new Date('2027-03-02T10:00:00Z');

  it('moves forward only: sent → opened → declined', () => {
    const opened = invitationMarked(sent, 'opened', later);
    expect(opened).toMatchObject({ status: 'opened', updatedAt: later.toISOString() });
    expect(invitationMarked(opened as Invitation, 'opened', later)).toBeUndefined();
    const declined = invitationMarked(opened as Invitation, 'declined', later);
    expect(declined?.status).toBe('declined');
    expect(invitationMarked(sent, 'declined', later)?.status).toBe('declined');
    expect(invitationMarked(declined as Invitation, 'opened', later)).toBeUndefined();
  });

  it('shows signed-up while the performer holds an active sign-up, whatever was stored', () => {
    expect(shownInvitationStatus('declined', { signedUp: true, performance: 'casting' })).toBe('signed-up');
    expect(shownInvitationStatus('opened', { signedUp: false, performance: 'casting' })).toBe('opened');
  });

  it('shows withdrawn once the performance is deleted, and closed once casting closed before an answer', () => {
    const statuses = ['sent', 'opened', 'declined'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.boolean(), (status, signedUp) => {
        // Nothing to sign up for: never a live status, even with a sign-up not yet cancelled by the stream.
        expect(shownInvitationStatus(status, { signedUp, performance: 'deleted' })).toBe('withdrawn');
        const closed = shownInvitationStatus(status, { signedUp, performance: 'closed' });
        const casting = shownInvitationStatus(status, { signedUp, performance: 'casting' });
        expect(closed).toBe(signedUp ? 'signed-up' : status === 'declined' ? 'declined' : 'closed');
        expect(casting).toBe(signedUp ? 'signed-up' : status);
      }),
    );
  });

  it('is switched off or on by performers only', () => {
    expect(() => checkInvitationSetting({ role: 'director' }, { invitations: false })).toThrow(ValidationError);
    expect(() => checkInvitationSetting({ role: 'director' }, {})).not.toThrow();
    expect(() => checkInvitationSetting({ role: 'performer' }, { invitations: false })).not.toThrow();
  });
});

describe('the invitation email', () => {
  it('links to the performance with the invitation and the slot, with times in the reader’s zone and the venue’s', () => {
    const { notification } = invite(
      performance,
      listed,
      { performerId: 'pat', slotId: 's2', message: 'Line one\n<b>bold</b>' },
      early,
    );
    const [email] = emailsFor(notification, 'outbox-1', early, 'https://app.example.org/');
    const url = 'https://app.example.org/performances/p1?invitation=p1_pat&slot=s2';
    expect(email).toMatchObject({ idempotencyKey: 'outbox-1', to: ['pat@example.com'] });
    expect(email?.subject).toBe('Dee invites you to audition for Hamlet');
    expect(email?.text).toContain(url);
    expect(email?.html).toContain(`href="${url.replace('&', '&amp;')}"`);
    // 14:00 BST at the venue is 09:00 EDT in New York.
    expect(email?.text).toContain('Sunday 4 April 2027, 09:00 EDT your time (14:00 BST at the venue)');
    expect(email?.text).toContain('Line one\n<b>bold</b>');
    expect(email?.html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(email?.html).not.toContain('<b>bold');
  });

  it('without a slot, invites to any slot and links to the performance with the invitation only', () => {
    const rendered = renderInvitation({
      recipient: { name: 'Pat', email: 'pat@example.com', timeZone: 'Europe/London' },
      performance: { title: 'Hamlet', venue: performance.venue, director: { name: 'Dee', email: 'dee@example.com' } },
      link: { label: 'Sign up', url: 'https://app.example.org/performances/p1?invitation=p1_pat' },
    });
    expect(rendered.text).toContain('any audition slot');
    expect(rendered.text).not.toContain('Suggested audition');
    expect(rendered.text).toContain('https://app.example.org/performances/p1?invitation=p1_pat');
  });
});
