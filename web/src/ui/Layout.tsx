import type { ReactNode } from 'react';
import { useConfig } from '../app/config';
import { Link, navigate } from '../app/router';
import { useSession } from '../app/session';
import { BusyNotice } from './Status';

function Navigation() {
  const { state, signOut } = useSession();
  if (state.status === 'loading') return null;
  const signOutNow = () => {
    signOut();
    navigate('/', { flash: 'You are signed out.' });
  };
  const links: [string, string][] =
    state.status === 'signed-out'
      ? [
          ['/sign-in', 'Sign in'],
          ['/sign-up', 'Create an account'],
        ]
      : state.profile.role === 'performer'
        ? [
            ['/search', 'Find auditions'],
            ['/my/auditions', 'My auditions'],
            ['/profile', 'Profile'],
          ]
        : [
            ['/my/performances', 'My performances'],
            ['/performances/new', 'Post a performance'],
            ['/search', 'Search'],
            ['/performers', 'Find performers'],
            ['/profile', 'Profile'],
          ];
  return (
    <nav aria-label="Main">
      <ul className="nav-list">
        {links.map(([to, label]) => (
          <li key={to}>
            <Link to={to} markCurrent>
              {label}
            </Link>
          </li>
        ))}
        {state.status === 'signed-in' && (
          <li>
            <button type="button" className="button-link" onClick={signOutNow}>
              Sign out<span className="visually-hidden"> ({state.profile.name})</span>
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The frame of every page: skip link, header with navigation, the main landmark and a footer. */
export function Layout({ children }: { readonly children: ReactNode }) {
  const config = useConfig();
  const { state } = useSession();
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to main content
      </a>
      <header className="site-header">
        {config.local && (
          <p className="local-banner">
            <strong>Local mode:</strong> emails are not delivered.{' '}
            {config.outboxUrl && (
              <a href={config.outboxUrl} target="_blank" rel="noreferrer">
                Open the local email outbox<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            )}
          </p>
        )}
        <div className="wrap header-row">
          <Link to="/" className="brand">
            Audition Me
          </Link>
          <Navigation />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="wrap">
        {children}
      </main>
      <BusyNotice />
      <footer className="site-footer">
        <div className="wrap">
          <p>
            Audition Me: auditions for performers, sign-ups and casting for directors.
            {state.status === 'signed-in' && (
              <> Times are shown in your zone ({state.profile.timeZone}) and the venue’s.</>
            )}
          </p>
        </div>
      </footer>
    </>
  );
}
