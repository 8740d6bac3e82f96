import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import type { InvitationView } from '../api/schemas';
import { Link, useLocation } from '../app/router';
import { useProfile, useSession } from '../app/session';
import { LinkProblem, isMissing } from '../ui/LinkProblem';
import { invitationPath } from './invitations';

/** The invitation an email's link (`/performances/p1?invitation=p1_u2`) names, as far as the reader may know it. */
export type LinkedInvitation =
  | { readonly state: 'none' | 'loading' }
  /** Not one of the reader's invitations: another performer's, a director reading it, or an id cut short. */
  | { readonly state: 'not-yours' }
  /** Not an invitation id at all, or one for another performance than the page's. */
  | { readonly state: 'not-valid' }
  | { readonly state: 'found'; readonly invitation: InvitationView };

/**
 * Reads the invitation the page's `?invitation=` names, marking it opened on the way (the director sees that
 * it was, as when the performer opens it from their invitations; it never moves back).
 */
export function useLinkedInvitation(performanceId: string): LinkedInvitation {
  const { api } = useSession();
  const { role } = useProfile();
  const invitationId = useLocation().query.get('invitation');
  const [linked, setLinked] = useState<LinkedInvitation>({ state: invitationId === null ? 'none' : 'loading' });
  useEffect(() => {
    if (invitationId === null) return setLinked({ state: 'none' });
    if (role !== 'performer') return setLinked({ state: 'not-yours' });
    let current = true;
    api.send<InvitationView>('PUT', invitationPath(invitationId), { status: 'opened' }).then(
      (invitation) =>
        current &&
        setLinked(invitation.performanceId === performanceId ? { state: 'found', invitation } : { state: 'not-valid' }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 404) setLinked({ state: 'not-yours' });
        else setLinked({ state: isMissing(error) ? 'not-valid' : 'none' });
      },
    );
    return () => {
      current = false;
    };
  }, [api, invitationId, performanceId, role]);
  return linked;
}

/** What the page says about the invitation its link names, when there is something to say. */
export function LinkedInvitationNotice({ linked }: { readonly linked: LinkedInvitation }) {
  const { role, email } = useProfile();
  if (linked.state === 'not-yours')
    return (
      <LinkProblem>
        <p>
          This invitation was sent to another account{role === 'performer' ? ', or its link was cut short' : ''}. You
          are signed in as <strong>{email}</strong>: to answer it, sign out and sign in with the account the invitation
          email was sent to.
        </p>
      </LinkProblem>
    );
  if (linked.state === 'not-valid')
    return (
      <LinkProblem>
        <p>
          This invitation link is not valid: your mail program may have changed it. Open the invitation from{' '}
          <Link to="/my/invitations">your invitations</Link> instead.
        </p>
      </LinkProblem>
    );
  if (linked.state !== 'found') return null;
  if (linked.invitation.status === 'declined')
    return (
      <p role="status" className="notice notice-info">
        You declined this invitation. You can still sign up below while a slot has a place.
      </p>
    );
  if (linked.invitation.status === 'closed')
    return (
      <p role="status" className="notice notice-info">
        Casting closed before you answered this invitation: it can no longer be taken up.
      </p>
    );
  return null;
}
