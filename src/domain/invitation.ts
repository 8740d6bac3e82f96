import {
  AuditionStartedError,
  InvalidReferenceError,
  InvitationLimitError,
  InvitationsOffError,
  NotFoundError,
  PerformerNotFoundError,
  ValidationError,
} from './errors';
import type { Notification, PerformanceSnapshot, SlotSnapshot } from './notifications';
import type { Performance } from './performance';
import type { Profile } from './profile';
import { assertCastingOpen, auditionBegun } from './signup';
import { performanceSnapshot, slotSnapshot } from './snapshots';

/**
 * Invitations to audition: a director who found a listed performer in the talent directory invites them to audition
 * for one of the director's own performances (optionally for one slot, with a message). One invitation per performer
 * and performance; a director sends at most {@link invitationsPerDirectorPerDay} a UTC day; a performer may turn
 * invitations off.
 */

/** How many invitations one director may send in one UTC day. */
export const invitationsPerDirectorPerDay = 20;

/** How many of their invitations a performer's list shows: the newest. */
export const invitationsListed = 100;

/** What the performer did with an invitation; stored. `signed-up` is never stored: it is read from the sign-up. */
export const invitationStatuses = ['sent', 'opened', 'declined'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/**
 * The status an invitation shows: `withdrawn` once its performance is deleted, `signed-up` while the performer holds
 * an active sign-up, `closed` once casting closed before they answered, else the stored one.
 */
export type ShownInvitationStatus = InvitationStatus | 'signed-up' | 'closed' | 'withdrawn';

/** Where an invitation's performance stands now: still casting, casting closed, or deleted. */
export type InvitedPerformanceState = 'casting' | 'closed' | 'deleted';

/** What an invitation's shown status is read from, besides the invitation: the sign-up and the performance now. */
export interface InvitationStanding {
  /** The performer holds an active sign-up (signed up or cast) for the performance. */
  readonly signedUp: boolean;
  readonly performance: InvitedPerformanceState;
}

export interface Invitation {
  /** `<performanceId>_<performerId>` (see {@link invitationIdOf}). */
  readonly invitationId: string;
  readonly performanceId: string;
  readonly performerId: string;
  /** The director who sent it: the performance's owner. */
  readonly directorId: string;
  /** The performer's name as the directory shows it, for the director's list. */
  readonly performerName: string;
  /** What the performer's list and the email show of the performance, as it was when invited. */
  readonly performance: PerformanceSnapshot;
  /** The slot the director suggests, if any. */
  readonly slot?: SlotSnapshot;
  readonly message?: string;
  readonly status: InvitationStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a director asks for. */
export interface InvitationRequest {
  readonly performerId: string;
  readonly slotId?: string;
  readonly message?: string;
}

/** One UTC day, in which a director's invitations are counted. */
export interface InvitationDay {
  /** `yyyy-mm-dd`: the counter's name. */
  readonly day: string;
  /** When the next day starts. */
  readonly endsAt: Date;
}

/** What sending an invitation writes: the invitation, the day it counts against and the email it causes. */
export interface InvitationDecision {
  readonly invitation: Invitation;
  readonly day: InvitationDay;
  readonly notification: Notification;
}

/**
 * The UTC day an instant falls in.
 * @example invitationDay(new Date('2026-12-02T23:30:00Z')) // { day: '2026-12-02', endsAt: 2026-12-03T00:00Z }
 */
export function invitationDay(now: Date): InvitationDay {
  const dayMs = 24 * 3600_000;
  return { day: now.toISOString().slice(0, 10), endsAt: new Date(Math.floor(now.getTime() / dayMs) * dayMs + dayMs) };
}

/**
 * The id of the invitation of a performer to a performance: both ids, joined by `_` (a performance id has none).
 * @example invitationIdOf('a1b2c3d4e5f6', '5f0c…') // 'a1b2c3d4e5f6_5f0c…'
 */
export function invitationIdOf(performanceId: string, performerId: string): string {
  return `${performanceId}_${performerId}`;
}

/**
 * The performance and performer an invitation id names, or undefined when it is not one.
 * @example parseInvitationId('a1b2c3d4e5f6_u1') // { performanceId: 'a1b2c3d4e5f6', performerId: 'u1' }
 */
export function parseInvitationId(invitationId: string): { performanceId: string; performerId: string } | undefined {
  const match = /^([A-Za-z0-9-]{1,64})_([A-Za-z0-9_-]{1,64})$/.exec(invitationId);
  return match ? { performanceId: match[1] as string, performerId: match[2] as string } : undefined;
}

/**
 * The performance and performer of one of the caller's own invitations; `NotFoundError` for an id that is not one
 * or names another performer (so nobody learns of others' invitations).
 * @example performerInvitation('a1b2c3d4e5f6_u1', 'u1') // { performanceId: 'a1b2c3d4e5f6', performerId: 'u1' }
 */
export function performerInvitation(
  invitationId: string,
  callerId: string,
): { performanceId: string; performerId: string } {
  const ids = parseInvitationId(invitationId);
  if (!ids || ids.performerId !== callerId) throw new NotFoundError('No such invitation.');
  return ids;
}

/** Whether a profile is one a director may invite: a performer listed in the directory. Throws otherwise. */
function invitablePerformer(profile: Profile | undefined): Profile {
  if (!profile || profile.role !== 'performer' || profile.listed !== true) {
    throw new PerformerNotFoundError('No such performer in the talent directory.');
  }
  if (profile.invitations === false) throw new InvitationsOffError('This performer does not take invitations.');
  return profile;
}

/**
 * A director invites a performer to audition for their performance (the store has already checked that the caller
 * owns it). Refuses a performer who is not listed (`performer-not-found`) or takes no invitations
 * (`invitations-off`), a closed casting, and a slot the performance does not have (`invalid-reference`) or whose
 * audition has begun. The store decides the races: the profile as it is when written, one invitation per pair, the
 * day's count.
 *
 * @example invite(performance, performerProfile, { performerId: 'u1', slotId: 's1', message: 'Come and sing' }, now)
 *   // { invitation: { invitationId: 'p1_u1', status: 'sent', … }, day: { day: '2026-12-02', … }, notification: { kind: 'invitation', … } }
 */
export function invite(
  performance: Performance,
  performerProfile: Profile | undefined,
  request: InvitationRequest,
  now: Date,
): InvitationDecision {
  const performer = invitablePerformer(performerProfile);
  assertCastingOpen(performance);
  const zone = performance.venue.timeZone;
  const slot = request.slotId === undefined ? undefined : performance.slots.find((s) => s.slotId === request.slotId);
  if (request.slotId !== undefined && !slot)
    throw new InvalidReferenceError('This performance has no such audition slot.');
  if (slot && auditionBegun(slot, zone, now)) throw new AuditionStartedError('This audition slot has already started.');
  const at = now.toISOString();
  const invitation: Invitation = {
    invitationId: invitationIdOf(performance.performanceId, performer.userId),
    performanceId: performance.performanceId,
    performerId: performer.userId,
    directorId: performance.ownerId,
    performerName: performer.name,
    performance: performanceSnapshot(performance),
    ...(slot ? { slot: slotSnapshot(slot, zone) } : {}),
    ...(request.message ? { message: request.message } : {}),
    status: 'sent',
    createdAt: at,
    updatedAt: at,
  };
  return {
    invitation,
    day: invitationDay(now),
    notification: {
      kind: 'invitation',
      to: { name: performer.name, email: performer.email, timeZone: performer.timeZone },
      invitationId: invitation.invitationId,
      performance: invitation.performance,
      ...(invitation.slot ? { slot: invitation.slot } : {}),
      ...(invitation.message ? { message: invitation.message } : {}),
    },
  };
}

/**
 * The refusal of a director's invitation past the day's limit, with the seconds until the next UTC day.
 * @example invitationLimitReached(new Date('2026-12-02T23:59:00Z')).retryAfterSeconds // 60
 */
export function invitationLimitReached(now: Date): InvitationLimitError {
  const { endsAt } = invitationDay(now);
  return new InvitationLimitError(
    `You have sent ${invitationsPerDirectorPerDay} invitations today, as many as a day allows; try again tomorrow (UTC).`,
    Math.max(1, Math.ceil((endsAt.getTime() - now.getTime()) / 1000)),
  );
}

const statusOrder: Record<InvitationStatus, number> = { sent: 0, opened: 1, declined: 2 };

/**
 * The invitation after the performer marks it `opened` or `declined`, or undefined when that changes nothing.
 * Statuses only move forward (sent → opened → declined): opening a declined invitation again leaves it declined.
 *
 * @example invitationMarked({ status: 'sent', … }, 'opened', now) // { status: 'opened', updatedAt: now, … }
 * @example invitationMarked({ status: 'declined', … }, 'opened', now) // undefined
 */
export function invitationMarked(
  invitation: Invitation,
  status: Exclude<InvitationStatus, 'sent'>,
  now: Date,
): Invitation | undefined {
  if (statusOrder[status] <= statusOrder[invitation.status]) return undefined;
  return { ...invitation, status, updatedAt: now.toISOString() };
}

/**
 * The status an invitation shows, read when it is shown (the invitation item is not rewritten when its performance
 * changes):
 * - `withdrawn` once the performance is deleted, whatever happened before: there is nothing left to sign up for;
 * - `signed-up` while the performer holds an active sign-up for it (whatever they did with the invitation);
 * - `closed` once casting closed while the invitation was still unanswered (`sent` or `opened`): it can no longer be
 *   taken up; a declined one stays `declined`;
 * - else the stored status.
 *
 * @example shownInvitationStatus('declined', { signedUp: true, performance: 'casting' }) // 'signed-up'
 * @example shownInvitationStatus('opened', { signedUp: false, performance: 'closed' }) // 'closed'
 * @example shownInvitationStatus('sent', { signedUp: true, performance: 'deleted' }) // 'withdrawn'
 */
export function shownInvitationStatus(status: InvitationStatus, standing: InvitationStanding): ShownInvitationStatus {
  if (standing.performance === 'deleted') return 'withdrawn';
  if (standing.signedUp) return 'signed-up';
  if (standing.performance === 'closed' && status !== 'declined') return 'closed';
  return status;
}

/**
 * Only performers receive invitations, so only they may turn them on or off. Throws ValidationError otherwise.
 * @example checkInvitationSetting({ role: 'director' }, { invitations: false }) // throws: body.invitations: only performers receive invitations
 */
export function checkInvitationSetting(
  profile: Pick<Profile, 'role'>,
  changes: { readonly invitations?: boolean },
): void {
  if (changes.invitations !== undefined && profile.role !== 'performer') {
    throw new ValidationError([{ path: 'body.invitations', message: 'only performers receive invitations' }]);
  }
}
