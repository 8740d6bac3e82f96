import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/**
 * True when the API refused to read a page's own subject because the address names nothing the reader may see:
 * not found (deleted, someone else's, or never there), or not an id at all (a link cut short or with characters
 * added by a mail program). Trying again cannot help; the page says so instead of offering it.
 *
 * @example isMissing(new ApiError(404, 'not-found', 'Not found', 'No such performance.')) // true
 */
export function isMissing(error: unknown): boolean {
  return (
    error instanceof ApiError && (error.status === 404 || (error.status === 400 && error.code === 'validation-failed'))
  );
}

/** Why a link opened nothing, and where to go instead: an alert, so it is announced when it appears. */
export function LinkProblem({ children }: { readonly children: ReactNode }) {
  return (
    <div role="alert" className="notice notice-error">
      {children}
    </div>
  );
}
