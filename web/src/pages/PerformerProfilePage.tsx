import type { ProfileView } from '../api/schemas';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { Career, ContactDetails } from '../ui/Career';
import { Page } from '../ui/Page';
import { ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';

/** The profile of a performer who signed up to one of my performances. */
export function PerformerProfilePage({
  performanceId,
  performerId,
}: {
  readonly performanceId: string;
  readonly performerId: string;
}) {
  const { api } = useSession();
  const back = `/performances/${encodeURIComponent(performanceId)}/signups`;
  const profile = useResource(
    () =>
      api.get<ProfileView>(
        `/performances/${encodeURIComponent(performanceId)}/performers/${encodeURIComponent(performerId)}`,
      ),
    [api, performanceId, performerId],
  );
  return (
    <Page title={profile.status === 'ready' ? profile.data.name : 'Performer'}>
      <p>
        <Link to={back}>Back to the sign-ups</Link>
      </p>
      {profile.status === 'loading' && <Loading>Loading the profile…</Loading>}
      {profile.status === 'error' && <ErrorNotice error={profile.error} retry={profile.reload} />}
      {profile.status === 'ready' && (
        <>
          <section aria-labelledby="contact-heading">
            <h2 id="contact-heading">Contact</h2>
            <ContactDetails profile={profile.data} />
          </section>
          <Career profile={profile.data} linked={false} />
        </>
      )}
    </Page>
  );
}
