import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import type { Retrying } from '../api/client';
import { ApiError } from '../api/client';
import { useSession } from '../app/session';

/** A polite "loading" line that screen readers announce. */
export function Loading({ children = 'Loading…' }: { readonly children?: ReactNode }) {
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" /> {children}
    </p>
  );
}

/** An error in words, with a way to try again when that can help. */
export function ErrorNotice({ error, retry }: { readonly error: unknown; readonly retry?: () => void }) {
  const text = error instanceof ApiError ? error.sentence : 'Something went wrong. Please try again.';
  return (
    <div role="alert" className="notice notice-error">
      <p>{text}</p>
      {retry && (
        <button type="button" className="button-secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** What an empty list means, and what to do next. */
export function Empty({ children }: { readonly children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/**
 * "Busy — retrying in N s…" while a call waits to try again because the API is busy (the client retries it;
 * see `createApiClient`), and nothing otherwise. The live region is always on the page, so screen readers
 * announce the words when they appear; they are polite, as waiting is not an error.
 */
export function BusyNotice() {
  const { api } = useSession();
  const [retrying, setRetrying] = useState<Retrying>();
  useEffect(() => api.onRetrying(setRetrying), [api]);
  return (
    <div role="status" aria-live="polite" className="busy-notice">
      {retrying && (
        <p className="notice">
          <span className="spinner" aria-hidden="true" /> Busy — retrying in {retrying.seconds} s…
        </p>
      )}
    </div>
  );
}
