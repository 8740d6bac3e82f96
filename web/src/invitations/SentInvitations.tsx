import type { InvitationView } from '../api/schemas';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { calendarDate, inZone } from '../app/time';
import { Empty, ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';
import { When } from '../ui/When';
import '../directory/directory.css';
import { directorStatusLabels } from './invitations';

function SentInvitation({ invitation, myZone }: { readonly invitation: InvitationView; readonly myZone: string }) {
  const headingId = `sent-invitation-${invitation.invitationId}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/performers/${encodeURIComponent(invitation.performerId)}`}>{invitation.performerName}</Link>
      </h3>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className={`status status-${invitation.status}`}>{directorStatusLabels[invitation.status]}</span>
        </dd>
        <dt>Audition</dt>
        <dd>
          {invitation.slot ? (
            <When at={invitation.slot.startsAt} venueZone={invitation.venue.timeZone} myZone={myZone} />
          ) : (
            'Any slot they choose'
          )}
        </dd>
        <dt>Sent on</dt>
        <dd>
          <time dateTime={invitation.createdAt}>{calendarDate(inZone(invitation.createdAt, myZone))}</time>
        </dd>
      </dl>
    </article>
  );
}

/**
 * The invitations the owner of a performance sent for it, and what each performer did with theirs.
 *
 * @example <SentInvitations performanceId="p1" myZone="Europe/London" />
 */
export function SentInvitations({
  performanceId,
  myZone,
}: {
  readonly performanceId: string;
  readonly myZone: string;
}) {
  const { api } = useSession();
  const list = useResource(
    () => api.get<{ invitations: InvitationView[] }>(`/performances/${encodeURIComponent(performanceId)}/invitations`),
    [api, performanceId],
  );
  return (
    <section aria-labelledby="sent-invitations-heading" className="panel">
      <h2 id="sent-invitations-heading">Invitations</h2>
      {list.status === 'loading' && <Loading>Loading the invitations you sent…</Loading>}
      {list.status === 'error' && <ErrorNotice error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.invitations.length === 0 ? (
          <Empty>
            <p>
              You have not invited anyone to audition for this performance. Find performers in the{' '}
              <Link to="/performers">talent directory</Link> and invite them from their page.
            </p>
          </Empty>
        ) : (
          <ul className="card-list">
            {list.data.invitations.map((invitation) => (
              <li key={invitation.invitationId}>
                <SentInvitation invitation={invitation} myZone={myZone} />
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
