import type { Invitation, InvitationStanding } from '../domain/invitation';
import { shownInvitationStatus } from '../domain/invitation';
import type { InvitationView } from '../schemas/invitation';
import { zoned } from './views';

/**
 * The API view of an invitation, for the director who sent it and the performer who got it: the status shown is read
 * from where it stands now (`shownInvitationStatus`: withdrawn, signed-up, closed); times in the venue's zone and
 * the reader's.
 */
export function invitationView(
  invitation: Invitation,
  standing: InvitationStanding,
  readerTimeZone: string,
): InvitationView {
  const { performance, slot } = invitation;
  const zone = performance.venue.timeZone;
  return {
    invitationId: invitation.invitationId,
    performanceId: invitation.performanceId,
    performerId: invitation.performerId,
    performerName: invitation.performerName,
    title: performance.title,
    venue: performance.venue,
    director: { name: performance.director.name },
    slot: slot
      ? {
          slotId: slot.slotId,
          startsAt: zoned(slot.startsAt, zone, readerTimeZone),
          durationMinutes: slot.durationMinutes,
          location: slot.location,
        }
      : null,
    ...(invitation.message ? { message: invitation.message } : {}),
    status: shownInvitationStatus(invitation.status, standing),
    createdAt: invitation.createdAt,
    updatedAt: invitation.updatedAt,
  };
}

/** Many invitations as views, each with where it stands now (one batch read for all). */
export async function invitationViews(
  invitations: readonly Invitation[],
  standings: (invitations: readonly Invitation[]) => Promise<Map<string, InvitationStanding>>,
  readerTimeZone: string,
): Promise<InvitationView[]> {
  const now = invitations.length ? await standings(invitations) : new Map<string, InvitationStanding>();
  // An invitation missing from the answer has nothing behind it any more.
  const gone: InvitationStanding = { signedUp: false, performance: 'deleted' };
  return invitations.map((i) => invitationView(i, now.get(i.invitationId) ?? gone, readerTimeZone));
}
