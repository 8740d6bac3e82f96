/**
 * The invitations API as the UI uses it: `POST /performances/{performanceId}/invitations`, `GET /me/invitations`
 * and `PUT /me/invitations/{invitationId}`. These types follow the API's contract (src/schemas/invitation.ts,
 * `invitationView`); once that file is on this branch, take `z.output<typeof invitationView>` from it instead.
 */
import type { ZonedInstant } from '../api/schemas';

export type InvitationStatus = 'sent' | 'opened' | 'signed-up' | 'declined';

export interface InvitationView {
  readonly invitationId: string;
  readonly performanceId: string;
  readonly performerId: string;
  readonly performerName: string;
  readonly title: string;
  readonly venue: {
    readonly name: string;
    readonly address: string;
    readonly city: string;
    readonly country: string;
    readonly timeZone: string;
  };
  readonly director: { readonly name: string };
  /** The suggested audition slot, or null for any slot. */
  readonly slot: {
    readonly slotId: string;
    readonly startsAt: ZonedInstant;
    readonly durationMinutes: number;
    readonly location: { readonly name: string; readonly address: string };
  } | null;
  readonly message?: string;
  readonly status: InvitationStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface InvitationInput {
  readonly performerId: string;
  readonly slotId?: string;
  readonly message?: string;
}

/** The words a performer reads for each status. */
export const invitationStatusLabels: Record<InvitationStatus, string> = {
  sent: 'New',
  opened: 'Opened',
  'signed-up': 'Signed up',
  declined: 'Declined',
};

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
