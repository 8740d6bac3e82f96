import { useState } from 'react';
import { Link } from '../app/router';
import { useProfile, useSession } from '../app/session';
import { countryName } from '../forms/places';
import { Page } from '../ui/Page';
import { Empty, ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';
import { When } from '../ui/When';
import '../directory/directory.css';
import type { InvitationView } from '../api/schemas';
import { invitationLink, invitationLive, invitationPath, invitationStatusLabels } from './invitations';

function Invitation({
  invitation,
  myZone,
  onDecline,
}: {
  readonly invitation: InvitationView;
  readonly myZone: string;
  readonly onDecline: () => void;
}) {
  const link = invitationLink(invitation);
  const headingId = `invitation-${invitation.invitationId}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{invitation.title}</h3>
      <p className="muted">
        {invitation.venue.name}, {invitation.venue.city}, {countryName(invitation.venue.country)}
        <span className={`status invitation-status status-${invitation.status}`}>
          {invitationStatusLabels[invitation.status]}
        </span>
      </p>
      <dl className="facts">
        <dt>From</dt>
        <dd>{invitation.director.name}</dd>
        <dt>Audition</dt>
        <dd>
          {invitation.slot ? (
            <When at={invitation.slot.startsAt} venueZone={invitation.venue.timeZone} myZone={myZone} />
          ) : (
            'Any slot you choose'
          )}
        </dd>
        {invitation.message && (
          <>
            <dt>Message</dt>
            <dd className="prose">{invitation.message}</dd>
          </>
        )}
      </dl>
      {invitationLive(invitation) ? (
        <p className="actions">
          {/* The performance's page marks the invitation opened, as when it is opened from the email. */}
          <Link to={link}>
            See the performance and sign up<span className="visually-hidden"> for {invitation.title}</span>
          </Link>
          {(invitation.status === 'sent' || invitation.status === 'opened') && (
            <button type="button" className="button-secondary" onClick={onDecline}>
              Decline<span className="visually-hidden"> the invitation to {invitation.title}</span>
            </button>
          )}
        </p>
      ) : (
        <p className="muted">
          {invitation.status === 'withdrawn'
            ? 'The director deleted this performance: there is nothing to sign up for.'
            : 'Casting for this performance has closed: it takes no more sign-ups.'}
        </p>
      )}
    </article>
  );
}

/** The performer's invitations to audition: who invited them, for what and when, and their answer. */
export function MyInvitationsPage() {
  const { api } = useSession();
  const profile = useProfile();
  const list = useResource(() => api.get<{ invitations: InvitationView[] }>('/me/invitations'), [api]);
  const [said, setSaid] = useState<{ ok: boolean; text: string }>();

  const decline = async (invitation: InvitationView) => {
    setSaid(undefined);
    try {
      await api.send('PUT', invitationPath(invitation.invitationId), { status: 'declined' });
      setSaid({ ok: true, text: `You declined the invitation to “${invitation.title}”.` });
      list.reload();
    } catch (error) {
      setSaid({ ok: false, text: error instanceof Error ? error.message : 'The invitation could not be declined.' });
    }
  };

  return (
    <Page title="Invitations" lead="Directors who found you in the talent directory and invited you to audition.">
      <div role="status">{said?.ok && <p className="notice notice-success">{said.text}</p>}</div>
      {said && !said.ok && (
        <div role="alert" className="notice notice-error">
          <p>{said.text}</p>
        </div>
      )}
      {list.status === 'loading' && <Loading>Loading your invitations…</Loading>}
      {list.status === 'error' && <ErrorNotice error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.invitations.length === 0 ? (
          <Empty>
            <p>
              No invitations yet. Directors can invite you once you are listed:{' '}
              <Link to="/profile/directory">your directory profile</Link>.
            </p>
          </Empty>
        ) : (
          <ol className="card-list">
            {list.data.invitations.map((invitation) => (
              <li key={invitation.invitationId}>
                <Invitation
                  invitation={invitation}
                  myZone={profile.timeZone}
                  onDecline={() => void decline(invitation)}
                />
              </li>
            ))}
          </ol>
        ))}
    </Page>
  );
}
