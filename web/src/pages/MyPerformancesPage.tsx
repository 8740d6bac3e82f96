import type { PerformanceView } from '../api/schemas';
import { Link } from '../app/router';
import { useProfile, useSession } from '../app/session';
import { hasPassed } from '../app/time';
import { countryName } from '../forms/places';
import { Page } from '../ui/Page';
import { Empty, ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';
import { When } from '../ui/When';
import { kindLabels } from '../ui/words';

function Summary({ performance: p, myZone }: { readonly performance: PerformanceView; readonly myZone: string }) {
  const path = `/performances/${encodeURIComponent(p.performanceId)}`;
  const next = p.slots
    .filter((s) => !hasPassed(s.startsAt.utc))
    .sort((a, b) => a.startsAt.utc.localeCompare(b.startsAt.utc))[0];
  const places = p.slots.reduce((sum, s) => sum + s.capacity, 0);
  const taken = p.slots.reduce((sum, s) => sum + s.capacity - s.remaining, 0);
  return (
    <article className="card" aria-labelledby={`performance-${p.performanceId}`}>
      <h3 id={`performance-${p.performanceId}`}>
        <Link to={path}>{p.title}</Link>
      </h3>
      <p className="muted">
        {kindLabels[p.kind]} · {p.venue.name}, {p.venue.city}, {countryName(p.venue.country)}
        {p.castingClosed && <strong className="badge">Casting closed</strong>}
      </p>
      <dl className="facts">
        <dt>Next audition</dt>
        <dd>{next ? <When at={next.startsAt} venueZone={p.venue.timeZone} myZone={myZone} /> : 'None to come'}</dd>
        <dt>Sign-ups</dt>
        <dd>
          {taken} of {places} place{places === 1 ? '' : 's'} taken in {p.slots.length} slot
          {p.slots.length === 1 ? '' : 's'}
        </dd>
      </dl>
      <p className="actions">
        <Link to={`${path}/signups`}>
          Sign-ups and casting<span className="visually-hidden"> for {p.title}</span>
        </Link>
        <Link to={`${path}/edit`}>
          Edit<span className="visually-hidden"> {p.title}</span>
        </Link>
      </p>
    </article>
  );
}

/** The performances I posted, newest first. */
export function MyPerformancesPage() {
  const { api } = useSession();
  const profile = useProfile();
  const list = useResource(() => api.get<{ performances: PerformanceView[] }>('/me/performances'), [api]);
  const performances =
    list.status === 'ready' ? [...list.data.performances].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : [];
  return (
    <Page title="My performances">
      <p>
        <Link to="/performances/new" className="button">
          Post a performance
        </Link>
      </p>
      {list.status === 'loading' && <Loading>Loading your performances…</Loading>}
      {list.status === 'error' && <ErrorNotice error={list.error} retry={list.reload} />}
      {list.status === 'ready' &&
        (performances.length === 0 ? (
          <Empty>
            <p>You have not posted a performance yet. Post one to open auditions.</p>
          </Empty>
        ) : (
          <ul className="card-list" aria-label="Your performances">
            {performances.map((p) => (
              <li key={p.performanceId}>
                <Summary performance={p} myZone={profile.timeZone} />
              </li>
            ))}
          </ul>
        ))}
    </Page>
  );
}
