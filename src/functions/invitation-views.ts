import type { Invitation } from '../domain/invitation';
import { shownInvitationStatus } from '../domain/invitation';
import type { InvitationView } from '../schemas/invitation';
import { zoned } from './views';

/**
 * The API view of an invitation, for the director who sent it and the performer who got it: the status shown is
 * `signed-up` while the performer holds an active sign-up for the performance; times in the venue's zone and the
 * reader's.
 */
export function invitationView(invitation: Invitation, signedUp: boolean, readerTimeZone: string): InvitationView {
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
    status: shownInvitationStatus(invitation.status, signedUp),
    createdAt: invitation.createdAt,
    updatedAt: invitation.updatedAt,
  };
}

/** Many invitations as views, each with whether its performer is signed up now (one batch read for all). */
export async function invitationViews(
  invitations: readonly Invitation[],
  signedUp: (invitations: readonly Invitation[]) => Promise<Set<string>>,
  readerTimeZone: string,
): Promise<InvitationView[]> {
  const active = invitations.length ? await signedUp(invitations) : new Set<string>();
  return invitations.map((i) => invitationView(i, active.has(i.invitationId), readerTimeZone));
}
