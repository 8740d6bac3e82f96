import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

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
