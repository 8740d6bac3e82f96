import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import { ApiError, createApiClient } from '../api/client';
import type { ProfileView, Tokens } from '../api/schemas';
import { useConfig } from './config';
import {
  claimsOf,
  clearTokens,
  onTokenChangedElsewhere,
  renewAheadMs,
  renewIdToken,
  storedIdToken,
  storeTokens,
} from './tokens';

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out'; readonly reason?: string }
  | { readonly status: 'signed-in'; readonly profile: ProfileView };

export interface Session {
  readonly state: SessionState;
  readonly api: ApiClient;
  signIn(email: string, password: string): Promise<ProfileView>;
  /** Signs out in every tab of this browser. */
  signOut(reason?: string): void;
  /** Replaces the profile the app shows, e.g. after PATCH /me. */
  setProfile(profile: ProfileView): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

const sessionEnded = 'Your session has ended. Please sign in again.';
/** setTimeout's longest delay; a longer one would fire at once. */
const longestTimeoutMs = 2 ** 31 - 1;

/**
 * Holds the sign-in (in localStorage, shared by every tab of the browser and kept in step between them), renews
 * the ID token with the refresh token before it expires, and gives every page an API client that sends it.
 */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const config = useConfig();
  const token = useRef<string | undefined>(storedIdToken());
  const renewal = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [state, setState] = useState<SessionState>(token.current ? { status: 'loading' } : { status: 'signed-out' });

  /** Forgets the token in this tab only (another tab, or the refresh, has already cleared the storage). */
  const endHere = useCallback((reason?: string) => {
    clearTimeout(renewal.current);
    token.current = undefined;
    setState({ status: 'signed-out', reason });
  }, []);

  const signOut = useCallback(
    (reason?: string) => {
      clearTokens();
      endHere(reason);
    },
    [endHere],
  );

  /** Uses `idToken` from now on, and plans its renewal shortly before it expires. */
  const adopt = useCallback(
    (idToken: string) => {
      token.current = idToken;
      clearTimeout(renewal.current);
      const { expiresAt } = claimsOf(idToken);
      if (expiresAt === undefined) return;
      const delay = Math.min(Math.max(0, expiresAt - renewAheadMs - Date.now()), longestTimeoutMs);
      renewal.current = setTimeout(() => {
        renewIdToken(config.apiUrl, idToken).then(
          (renewed) => (renewed ? adopt(renewed) : endHere(sessionEnded)),
          // Cannot reach the API now: the next call that the API refuses tries again.
          () => undefined,
        );
      }, delay);
    },
    [config.apiUrl, endHere],
  );

  /** For the API client: a new token in place of one the API refused. */
  const renew = useCallback(
    async (stale: string) => {
      const renewed = await renewIdToken(config.apiUrl, stale);
      if (renewed) adopt(renewed);
      return renewed;
    },
    [config.apiUrl, adopt],
  );

  const api = useMemo(
    () =>
      createApiClient(
        config.apiUrl,
        () => token.current,
        () => signOut(sessionEnded),
        renew,
      ),
    [config.apiUrl, signOut, renew],
  );

  const loadProfile = useCallback(() => {
    api.get<ProfileView>('/me').then(
      (profile) => setState({ status: 'signed-in', profile }),
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return;
        signOut(error instanceof ApiError ? error.sentence : 'Could not load your profile.');
      },
    );
  }, [api, signOut]);

  useEffect(() => {
    if (!token.current) return;
    adopt(token.current);
    loadProfile();
    return () => clearTimeout(renewal.current);
  }, [adopt, loadProfile]);

  // Another tab signed in, renewed the token, or signed out.
  useEffect(
    () =>
      onTokenChangedElsewhere((idToken) => {
        const previous = token.current;
        if (idToken === previous) return;
        if (!idToken) return endHere('You are signed out.');
        adopt(idToken);
        if (!previous || claimsOf(previous).sub !== claimsOf(idToken).sub) {
          setState({ status: 'loading' });
          loadProfile();
        }
      }),
    [adopt, endHere, loadProfile],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const tokens = await api.send<Tokens>('POST', '/auth/login', { email, password });
      storeTokens(tokens);
      adopt(tokens.idToken);
      const profile = await api.get<ProfileView>('/me');
      setState({ status: 'signed-in', profile });
      return profile;
    },
    [api, adopt],
  );

  const setProfile = useCallback((profile: ProfileView) => setState({ status: 'signed-in', profile }), []);

  const session = useMemo(
    () => ({ state, api, signIn, signOut, setProfile }),
    [state, api, signIn, signOut, setProfile],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in profile; only for pages behind the sign-in guard. */
export function useProfile(): ProfileView {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useProfile on a signed-out page');
  return state.profile;
}

/** Where each role starts after signing in. */
export function homeOf(role: ProfileView['role']): string {
  return role === 'performer' ? '/search' : '/my/performances';
}
