import { useEffect } from 'react';
import { Link, navigate } from '../app/router';
import { homeOf, useSession } from '../app/session';
import { Page } from '../ui/Page';

/** The front door: what Audition Me does, for whom; signed-in people go straight to their own start page. */
export function HomePage() {
  const { state } = useSession();
  const home = state.status === 'signed-in' ? homeOf(state.profile.role) : undefined;
  useEffect(() => {
    if (home) navigate(home, { replace: true });
  }, [home]);
  if (home) return null;
  return (
    <Page title="Auditions, sign-ups and casting in one place">
      <p className="lead">
        Performers find auditions and sign up for a slot. Directors post performances, see who signed up, and cast.
        Everyone gets the right email at the right moment, with a reminder the evening before each audition.
      </p>
      <div className="columns">
        <section aria-labelledby="for-performers">
          <h2 id="for-performers">For performers</h2>
          <p>Search by keyword, city, dates, role and voice type; pick a slot; get a calendar invite and a reminder.</p>
        </section>
        <section aria-labelledby="for-directors">
          <h2 id="for-directors">For directors</h2>
          <p>Post characters, dates and audition slots; see each performer’s contact and access needs; cast.</p>
        </section>
      </div>
      <p className="actions">
        <Link to="/sign-up" className="button">
          Create an account
        </Link>
        <Link to="/sign-in" className="button button-secondary">
          Sign in
        </Link>
      </p>
    </Page>
  );
}
