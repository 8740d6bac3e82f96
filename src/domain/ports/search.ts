import type { SearchSummary } from '../search-summary';

/** A search index entry as read, with its position in the index (`<next audition>#<performance id>`). */
export interface SearchEntry extends SearchSummary {
  readonly position: string;
}

/** One read of a facet's entries, in next-audition order. */
export interface SearchRead {
  readonly facet: string;
  /** Entries whose position lies in [from, to]. */
  readonly from: string;
  readonly to: string;
  readonly limit: number;
  /** Continue after this position. */
  readonly startAfter?: string;
  /** Facets an entry must also have. */
  readonly alsoRequired?: readonly string[];
  /** A prefilter on the days it runs: its last day on or after `from`, its first on or before `to`. */
  readonly days?: { readonly from?: string; readonly to?: string };
}

export interface SearchPage {
  readonly entries: readonly SearchEntry[];
  /** The position to continue after, when the facet has more. */
  readonly lastPosition?: string;
}

/** The search index: one entry per facet of each performance, ordered by its next audition. */
export interface SearchIndex {
  /** At most `limit` entries read (those the filters pass are returned), never a Scan. */
  read(request: SearchRead): Promise<SearchPage>;
  /**
   * Makes the index match a performance after a change, given its summaries (`searchSummary`) before and after,
   * each undefined when there is none, so `after` undefined removes it. Safe to repeat. The caller summarises, so
   * the store's code carries no time-zone conversion into the functions that only build it.
   */
  sync(performanceId: string, before: SearchSummary | undefined, after: SearchSummary | undefined): Promise<void>;
  /**
   * Re-files a performance's entries from `filed` (what they hold, as read) to `next` (search-refresh, once the
   * next audition has begun). An entry changed or removed meanwhile is left as it is, so a deleted performance
   * never comes back; returns how many entries were re-filed.
   */
  refile(filed: SearchSummary, next: SearchSummary): Promise<number>;
}
