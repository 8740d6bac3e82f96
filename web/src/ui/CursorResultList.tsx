import type { ReactNode, RefObject } from 'react';
import type { CursorResults } from '../forms/useCursorSearch';
import { Empty, ErrorNotice, Loading } from './Status';

/**
 * The results of a `useCursorSearch`: a polite count ("3 performers shown; more below."), the list or what an
 * empty one means, and the "Show more" button with the next page's error if it failed.
 */
export function CursorResultList<T>({
  results,
  list,
  showMore,
  count,
  empty,
  moreLabel,
  className,
  keyOf,
  render,
}: {
  readonly results: CursorResults<T>;
  readonly list: RefObject<HTMLOListElement | null>;
  readonly showMore: () => void;
  /** "3 performances": the count line's words for `n` results. */
  readonly count: (n: number) => string;
  readonly empty: ReactNode;
  readonly moreLabel: string;
  readonly className: string;
  readonly keyOf: (result: T) => string;
  readonly render: (result: T) => ReactNode;
}) {
  if (results.status === 'loading') return <Loading>Searching…</Loading>;
  if (results.status === 'error') return <ErrorNotice error={results.error} />;
  const n = results.results.length;
  return (
    <>
      <p role="status" className="muted">
        {n === 0 ? '' : `${count(n)} shown${results.next ? '; more below' : ''}.`}
      </p>
      {n === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <ol className={className} ref={list}>
          {results.results.map((result) => (
            <li key={keyOf(result)}>{render(result)}</li>
          ))}
        </ol>
      )}
      {results.more !== 'idle' && results.more !== 'loading' && <ErrorNotice error={results.more} retry={showMore} />}
      {results.next && (
        <button type="button" className="button-secondary" onClick={showMore} disabled={results.more === 'loading'}>
          {results.more === 'loading' ? 'Loading more…' : moreLabel}
        </button>
      )}
    </>
  );
}
