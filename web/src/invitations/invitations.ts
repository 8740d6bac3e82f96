/** The invitations API's words and links for the UI (the contract: src/schemas/invitation.ts). */
import type { InvitationStatus, InvitationView } from '../api/schemas';

/** The words a performer reads for each status. */
export const invitationStatusLabels: Record<InvitationStatus, string> = {
  sent: 'New',
  opened: 'Opened',
  'signed-up': 'Signed up',
  declined: 'Declined',
  closed: 'Casting closed',
  withdrawn: 'Withdrawn: the performance was cancelled',
};

/** The words the director who sent an invitation reads for each status. */
export const directorStatusLabels: Record<InvitationStatus, string> = {
  sent: 'Sent',
  opened: 'Opened',
  'signed-up': 'Signed up',
  declined: 'Declined',
  closed: 'Casting closed before an answer',
  withdrawn: 'Withdrawn: the performance was deleted',
};

/**
 * Whether an invitation can still be taken up: not once its performance is deleted or casting closed (the sign-up
 * page would refuse or not exist).
 *
 * @example invitationLive({ status: 'withdrawn' }) // false
 */
export const invitationLive = (invitation: Pick<InvitationView, 'status'>) =>
  invitation.status !== 'withdrawn' && invitation.status !== 'closed';

/** The API resource of one of the reader's invitations. */
export const invitationPath = (invitationId: string) => `/me/invitations/${encodeURIComponent(invitationId)}`;

/**
 * The page that opens the sign-up for an invitation's performance (the same link the invitation email has).
 *
 * @example invitationLink({ performanceId: 'p1', invitationId: 'p1_u2', slot: null }) // '/performances/p1?invitation=p1_u2'
 */
export function invitationLink(invitation: Pick<InvitationView, 'performanceId' | 'invitationId' | 'slot'>): string {
  const query = new URLSearchParams({ invitation: invitation.invitationId });
  if (invitation.slot) query.set('slot', invitation.slot.slotId);
  return `/performances/${encodeURIComponent(invitation.performanceId)}?${query.toString()}`;
}
