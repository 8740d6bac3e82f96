import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import { ApiError, createApiClient } from '../api/client';
import type { ProfileView, Tokens } from '../api/schemas';
import { useConfig } from './config';

const tokenKey = 'audition-me.idToken';
const refreshKey = 'audition-me.refreshToken';

/** The ID token's expiry (seconds since the epoch), read without verifying: the API verifies it. */
function expiresAt(token: string): number | undefined {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return payload.exp;
  } catch {
    return undefined;
  }
}

function storedToken(): string | undefined {
  const token = sessionStorage.getItem(tokenKey) ?? undefined;
  const exp = token ? expiresAt(token) : undefined;
  // An expired token is kept while a refresh token can renew it (the first call then refreshes it).
  if (token && exp !== undefined && exp * 1000 <= Date.now() && !sessionStorage.getItem(refreshKey)) {
    sessionStorage.removeItem(tokenKey);
    return undefined;
  }
  return token;
}

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out'; readonly reason?: string }
  | { readonly status: 'signed-in'; readonly profile: ProfileView };

export interface Session {
  readonly state: SessionState;
  readonly api: ApiClient;
  signIn(email: string, password: string): Promise<ProfileView>;
  signOut(reason?: string): void;
  /** Replaces the profile the app shows, e.g. after PATCH /me. */
  setProfile(profile: ProfileView): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

/**
 * Holds the ID token (in sessionStorage, so it ends with the tab) and the signed-in person's profile, and gives
 * every page an API client that sends the token.
 */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const config = useConfig();
  const token = useRef<string | undefined>(storedToken());
  const [state, setState] = useState<SessionState>(token.current ? { status: 'loading' } : { status: 'signed-out' });

  const signOut = useCallback((reason?: string) => {
    sessionStorage.removeItem(tokenKey);
    sessionStorage.removeItem(refreshKey);
    token.current = undefined;
    setState({ status: 'signed-out', reason });
  }, []);

  const api = useMemo(
    () =>
      createApiClient(
        config.apiUrl,
        () => token.current,
        () => signOut('Your session has ended. Please sign in again.'),
        async () => {
          const refreshToken = sessionStorage.getItem(refreshKey);
          if (!refreshToken) return undefined;
          const response = await fetch(`${config.apiUrl}/auth/refresh`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ refreshToken }),
          });
          if (!response.ok) return undefined;
          const tokens = (await response.json()) as Tokens;
          token.current = tokens.idToken;
          sessionStorage.setItem(tokenKey, tokens.idToken);
          return tokens.idToken;
        },
      ),
    [config.apiUrl, signOut],
  );

  useEffect(() => {
    if (!token.current) return;
    api.get<ProfileView>('/me').then(
      (profile) => setState({ status: 'signed-in', profile }),
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return;
        signOut(error instanceof ApiError ? error.sentence : 'Could not load your profile.');
      },
    );
  }, [api, signOut]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const tokens = await api.send<Tokens>('POST', '/auth/login', { email, password });
      token.current = tokens.idToken;
      sessionStorage.setItem(tokenKey, tokens.idToken);
      if (tokens.refreshToken) sessionStorage.setItem(refreshKey, tokens.refreshToken);
      const profile = await api.get<ProfileView>('/me');
      setState({ status: 'signed-in', profile });
      return profile;
    },
    [api],
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
