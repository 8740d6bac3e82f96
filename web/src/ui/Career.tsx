import type { ProfileView } from '../api/schemas';
import { Link } from '../app/router';
import { calendarDate } from '../app/time';
import { Empty } from './Status';

type PerformanceRef = NonNullable<ProfileView['currentPerformances']>[number];

function Performances({ list, linked }: { readonly list: readonly PerformanceRef[]; readonly linked: boolean }) {
  if (!list.length) return <Empty>None yet.</Empty>;
  return (
    <ul className="plain-list">
      {list.map((p) => (
        <li key={`${p.performanceId} ${p.character}`}>
          {linked ? <Link to={`/performances/${encodeURIComponent(p.performanceId)}`}>{p.title}</Link> : p.title}
          {p.character && <> as {p.character}</>}
          {p.lastDate && <span className="muted"> (last date {calendarDate(p.lastDate)})</span>}
        </li>
      ))}
    </ul>
  );
}

/**
 * A performer's work: current and past performances (from castings) and self-reported credits.
 * `linked` links the performances to their pages (the performer's own view).
 */
export function Career({
  profile,
  linked,
  headingLevel = 2,
}: {
  readonly profile: Pick<ProfileView, 'currentPerformances' | 'pastPerformances' | 'credits'>;
  readonly linked: boolean;
  readonly headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <section aria-labelledby="current-performances">
        <H id="current-performances">Current performances</H>
        <Performances list={profile.currentPerformances ?? []} linked={linked} />
      </section>
      <section aria-labelledby="past-performances">
        <H id="past-performances">Past performances</H>
        <Performances list={profile.pastPerformances ?? []} linked={linked} />
        {profile.credits.length > 0 && (
          <>
            <p>Credits the performer added:</p>
            <ul className="plain-list">
              {profile.credits.map((c, i) => (
                <li key={i}>
                  {c.title}, {c.role} ({c.year}
                  {c.company ? `, ${c.company}` : ''})
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

/** Name, email, phone and zone as a description list. */
export function ContactDetails({
  profile,
}: {
  readonly profile: Pick<ProfileView, 'name' | 'email' | 'phone' | 'timeZone'>;
}) {
  return (
    <dl className="facts">
      <dt>Name</dt>
      <dd>{profile.name}</dd>
      <dt>Email</dt>
      <dd>
        <a href={`mailto:${profile.email}`}>{profile.email}</a>
      </dd>
      <dt>Phone</dt>
      <dd>
        <a href={`tel:${profile.phone}`}>{profile.phone}</a>
      </dd>
      <dt>Time zone</dt>
      <dd>{profile.timeZone}</dd>
    </dl>
  );
}
