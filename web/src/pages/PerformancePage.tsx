import { useState } from 'react';
import type { PerformanceView, SignUpView } from '../api/schemas';
import { Link } from '../app/router';
import { useProfile, useSession } from '../app/session';
import { Page } from '../ui/Page';
import { PerformanceDetails } from '../ui/PerformanceDetails';
import { ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';
import { AuditionSignUp } from './AuditionSignUp';
import { SentInvitations } from '../invitations/SentInvitations';
import type { LinkedInvitation } from '../invitations/LinkedInvitation';
import { LinkedInvitationNotice, useLinkedInvitation } from '../invitations/LinkedInvitation';
import { LinkProblem, isMissing } from '../ui/LinkProblem';
import { OwnerActions } from './OwnerActions';

interface Loaded {
  readonly performance: PerformanceView;
  /** The performer's latest sign-up for this performance, if any. */
  readonly mine?: SignUpView;
}

/**
 * Why there is no performance at this address, specifically when an invitation's link says it was deleted. A link
 * from an email leads here after its performance is deleted, or when a mail program cut or changed it.
 */
function MissingPerformance({ linked }: { readonly linked: LinkedInvitation }) {
  const { role } = useProfile();
  if (linked.state === 'loading') return <Loading>Loading the performance…</Loading>;
  const deleted = linked.state === 'found' && linked.invitation.status === 'withdrawn';
  return (
    <LinkProblem>
      <p>
        {deleted
          ? `The director deleted “${linked.invitation.title}”: the invitation is withdrawn, and there is nothing to sign up for.`
          : 'There is no performance at this address. Its director may have deleted it, or your mail program may have cut the link short or changed it.'}
      </p>
      <p>
        {role === 'performer' ? (
          <>
            See <Link to="/my/auditions">your auditions</Link> or <Link to="/search">search performances</Link>.
          </>
        ) : (
          <>
            See <Link to="/my/performances">your performances</Link>.
          </>
        )}
      </p>
    </LinkProblem>
  );
}

/** A performance: details for everyone; a sign-up form for performers; management for its owner. */
export function PerformancePage({ performanceId }: { readonly performanceId: string }) {
  const { api } = useSession();
  const profile = useProfile();
  const [notice, setNotice] = useState<string>();
  const linked = useLinkedInvitation(performanceId);
  const data = useResource<Loaded>(async () => {
    const path = `/performances/${encodeURIComponent(performanceId)}`;
    if (profile.role !== 'performer') return { performance: await api.get<PerformanceView>(path) };
    const [performance, mine] = await Promise.all([
      api.get<PerformanceView>(path),
      api.get<{ signUps: SignUpView[] }>('/me/signups'),
    ]);
    const forThis = mine.signUps
      .filter((s) => s.performanceId === performanceId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { performance, mine: forThis[0] };
  }, [api, performanceId, profile.role]);

  const missing = data.status === 'error' && isMissing(data.error);
  const title =
    data.status === 'ready' ? data.data.performance.title : missing ? 'Performance not found' : 'Performance';
  return (
    <Page title={title}>
      {data.status === 'loading' && <Loading>Loading the performance…</Loading>}
      {missing && <MissingPerformance linked={linked} />}
      {data.status === 'error' && !missing && <ErrorNotice error={data.error} retry={data.reload} />}
      {data.status === 'ready' && (
        <>
          <LinkedInvitationNotice linked={linked} />
          {notice && (
            <p role="status" className="notice notice-success">
              {notice}
            </p>
          )}
          {data.data.performance.ownerId === profile.userId && (
            <OwnerActions
              performance={data.data.performance}
              onChanged={(message) => {
                setNotice(message);
                data.reload();
              }}
            />
          )}
          <PerformanceDetails
            performance={data.data.performance}
            myZone={profile.timeZone}
            afterSlots={
              profile.role === 'performer' && (
                <section className="panel" aria-label="Your audition">
                  <AuditionSignUp
                    performance={data.data.performance}
                    mine={data.data.mine}
                    myZone={profile.timeZone}
                    onSignedUp={(signUp) => {
                      data.replace({ ...data.data, mine: signUp });
                      data.reload();
                    }}
                    onOutOfDate={data.reload}
                  />
                </section>
              )
            }
          />
          {data.data.performance.ownerId === profile.userId && (
            <SentInvitations performanceId={performanceId} myZone={profile.timeZone} />
          )}
          <p>
            <Link to={profile.role === 'performer' ? '/search' : '/my/performances'}>
              {profile.role === 'performer' ? 'Back to search' : 'Back to my performances'}
            </Link>
          </p>
        </>
      )}
    </Page>
  );
}
