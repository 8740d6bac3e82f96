import { ApiError } from '../api/client';
import type { Tokens } from '../api/schemas';

// In localStorage, so every tab of the browser shares one sign-in; a `storage` event tells the other tabs of
// each change (sign-in, renewal, sign-out).
const idTokenKey = 'audition-me.idToken';
const refreshTokenKey = 'audition-me.refreshToken';
/** Renew this long before the ID token expires, so no call is made with a token about to lapse. */
export const renewAheadMs = 60_000;

interface Claims {
  /** When the token expires, in milliseconds since the epoch. */
  readonly expiresAt?: number;
  /** Whose token it is. */
  readonly sub?: string;
}

/** The ID token's claims, read without verifying: the API verifies the token. */
export function claimsOf(token: string): Claims {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: number;
      sub?: string;
    };
    return { expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined, sub: payload.sub };
  } catch {
    return {};
  }
}

function expiresSoon(token: string, now = Date.now()): boolean {
  const { expiresAt } = claimsOf(token);
  return expiresAt !== undefined && expiresAt - renewAheadMs <= now;
}

/** The stored ID token; an expired one only while a refresh token can still renew it. */
export function storedIdToken(): string | undefined {
  const token = localStorage.getItem(idTokenKey) ?? undefined;
  if (!token) return undefined;
  const { expiresAt } = claimsOf(token);
  if (expiresAt !== undefined && expiresAt <= Date.now() && !localStorage.getItem(refreshTokenKey)) {
    localStorage.removeItem(idTokenKey);
    return undefined;
  }
  return token;
}

/**
 * Keeps the tokens of a sign-in or a renewal for every tab; the refresh token first, so a tab told of the new ID
 * token can already renew it.
 */
export function storeTokens(tokens: Pick<Tokens, 'idToken' | 'refreshToken'>): void {
  if (tokens.refreshToken) localStorage.setItem(refreshTokenKey, tokens.refreshToken);
  localStorage.setItem(idTokenKey, tokens.idToken);
}

/** Ends the sign-in in every tab. */
export function clearTokens(): void {
  localStorage.removeItem(idTokenKey);
  localStorage.removeItem(refreshTokenKey);
}

/**
 * Calls `listener` with the ID token now stored (undefined: signed out) whenever another tab signs in, renews the
 * token or signs out. Returns the function that stops listening.
 */
export function onTokenChangedElsewhere(listener: (idToken: string | undefined) => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.storageArea !== localStorage) return;
    // A null key means the whole storage was cleared.
    if (event.key !== null && event.key !== idTokenKey && event.key !== refreshTokenKey) return;
    listener(storedIdToken());
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}

/** Runs `work` while no other tab of this browser renews the token (Web Locks), or at once where there are none. */
function exclusively<T>(work: () => Promise<T>): Promise<T> {
  const locks = (navigator as Partial<Navigator>).locks;
  return locks ? (locks.request('audition-me.renew-token', work) as Promise<T>) : work();
}

async function renew(apiUrl: string, stale: string | undefined): Promise<string | undefined> {
  // Another tab may have renewed it while this one waited for the lock: then use theirs.
  const current = localStorage.getItem(idTokenKey);
  if (current && current !== stale && !expiresSoon(current)) return current;
  const refreshToken = localStorage.getItem(refreshTokenKey);
  if (!refreshToken) return undefined;
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach Audition Me', 'Check your connection and try again.');
  }
  // The refresh token has expired or was revoked: the session is over, in every tab.
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    clearTokens();
    return undefined;
  }
  if (!response.ok) throw new ApiError(response.status, 'http-error', 'Audition Me is not answering', 'Try again.');
  const tokens = (await response.json()) as Tokens;
  storeTokens({ idToken: tokens.idToken, refreshToken: tokens.refreshToken });
  return tokens.idToken;
}

const renewing = new Map<string, Promise<string | undefined>>();

/**
 * A fresh ID token in place of `stale`, from the refresh token; at most one renewal at a time in the whole
 * browser. Undefined when the refresh token no longer works (the session has ended); throws when the API cannot
 * be reached (the session stays: a later call tries again).
 *
 * @example const idToken = await renewIdToken(config.apiUrl, tokenTheApiRefused);
 */
export function renewIdToken(apiUrl: string, stale: string | undefined): Promise<string | undefined> {
  const key = stale ?? '';
  let pending = renewing.get(key);
  if (!pending) {
    pending = exclusively(() => renew(apiUrl, stale)).finally(() => renewing.delete(key));
    renewing.set(key, pending);
  }
  return pending;
}
