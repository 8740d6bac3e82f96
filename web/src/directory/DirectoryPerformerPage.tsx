import type { ReactNode } from 'react';
import { Fragment } from 'react';
import type { DirectoryPerformerView } from '../api/schemas';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { Career } from '../ui/Career';
import { Page } from '../ui/Page';
import { ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';
import { PerformerPhoto } from './PerformerPhoto';
import { attributesOf, performerPath } from './TalentCard';
import { lastTalentSearch } from './TalentSearchPage';

/** A link a performer gave (reel, website): opens in a new tab, and the performer's site learns nothing of ours. */
function ExternalLink({ href, children }: { readonly href: string; readonly children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}

function Profile({ performer, invite }: { readonly performer: DirectoryPerformerView; readonly invite?: ReactNode }) {
  const attributes = attributesOf(performer);
  const { reel, website } = performer.links;
  return (
    <>
      <div className="performer-header">
        <PerformerPhoto name={performer.name} photos={performer.photos} size="page" />
        {attributes.length ? (
          <dl className="facts">
            {attributes.map(([term, description]) => (
              <Fragment key={term}>
                <dt>{term}</dt>
                <dd>{description}</dd>
              </Fragment>
            ))}
          </dl>
        ) : (
          <p className="muted">No details given yet.</p>
        )}
      </div>
      {/* The place for "Invite to audition": the invitation action is passed in as `invite`. */}
      {invite && <div className="invite-slot">{invite}</div>}
      {performer.photos && performer.photos.length > 1 && (
        <section aria-labelledby="photos-heading">
          <h2 id="photos-heading">Photos</h2>
          <ul className="plain-list performer-photos">
            {performer.photos.slice(1).map((photo, i) => (
              <li key={photo.photoId ?? photo.url}>
                <img
                  className="performer-photo performer-photo-page"
                  src={photo.url}
                  alt={`Photo ${i + 2} of ${performer.name}`}
                  loading="lazy"
                />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="bio-heading">
        <h2 id="bio-heading">About</h2>
        {performer.bio ? <p className="prose">{performer.bio}</p> : <p className="muted">No bio yet.</p>}
      </section>
      {(reel || website) && (
        <section aria-labelledby="links-heading">
          <h2 id="links-heading">Links</h2>
          <ul className="plain-list">
            {reel && (
              <li>
                <ExternalLink href={reel}>Reel</ExternalLink>
              </li>
            )}
            {website && (
              <li>
                <ExternalLink href={website}>Website</ExternalLink>
              </li>
            )}
          </ul>
        </section>
      )}
      <Career profile={performer} linked={false} />
    </>
  );
}

/**
 * A listed performer's directory page, for directors: photo, attributes, bio, links, credits and castings; no
 * contact details (the API sends none). `invite` renders the "Invite to audition" action for this performer.
 */
export function DirectoryPerformerPage({
  performerId,
  invite,
}: {
  readonly performerId: string;
  readonly invite?: (performer: DirectoryPerformerView) => ReactNode;
}) {
  const { api } = useSession();
  const performer = useResource(() => api.get<DirectoryPerformerView>(performerPath(performerId)), [api, performerId]);
  return (
    <Page title={performer.status === 'ready' ? performer.data.name : 'Performer'}>
      <p>
        <Link to={lastTalentSearch()}>Back to the talent search</Link>
      </p>
      {performer.status === 'loading' && <Loading>Loading the performer…</Loading>}
      {performer.status === 'error' && <ErrorNotice error={performer.error} retry={performer.reload} />}
      {performer.status === 'ready' && <Profile performer={performer.data} invite={invite?.(performer.data)} />}
    </Page>
  );
}
