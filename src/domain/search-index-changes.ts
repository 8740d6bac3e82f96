import type { SearchSummary } from './search-summary';
import { nextOpenAudition } from './search-terms';

/**
 * What to write so the search index holds `after` in place of `before`: the facets whose entry must be put (each
 * gets `summary`) and the facets whose entry must go. A facet whose entry would stay the same is in neither, so an
 * edit that changes nothing a search shows writes nothing.
 */
export interface SearchIndexChanges {
  /** The summary every put entry carries (undefined when nothing is put). */
  readonly summary?: SearchSummary;
  readonly put: readonly string[];
  readonly remove: readonly string[];
}

/**
 * The entries that differ between the index of `before` and that of `after` (each a summary, or undefined when the
 * performance is not in search). Each facet's entry is the facet with the whole summary, so a facet keeps its
 * entry only when it is in both and the summaries are equal.
 *
 * @example searchIndexChanges(summaryOf(v1), summaryOf(v2)) // { put: [], remove: [] } when v2 changed the director's phone only
 */
export function searchIndexChanges(
  before: SearchSummary | undefined,
  after: SearchSummary | undefined,
): SearchIndexChanges {
  const kept = new Set(before && after && sameSummary(before, after) ? before.facets : []);
  const stays = new Set(after?.facets ?? []);
  const put = [...new Set(after?.facets ?? [])].filter((facet) => !kept.has(facet));
  const remove = [...new Set(before?.facets ?? [])].filter((facet) => !stays.has(facet));
  return put.length ? { summary: after, put, remove } : { put, remove };
}

/**
 * A summary re-filed at `now`: under the next audition still ahead of its open ones (search-refresh moves an entry
 * whose next audition has begun). Everything else stays as it was filed.
 *
 * @example refiledSummary({ …, nextAudition: '2027-01-02T10:00:00.000Z', openAuditionStarts: ['2027-01-02T10:00:00.000Z', '2027-01-09T10:00:00.000Z'] }, new Date('2027-01-03T00:00:00Z')).nextAudition // '2027-01-09T10:00:00.000Z'
 */
export function refiledSummary(summary: SearchSummary & { openAuditionStarts: readonly string[] }, now: Date) {
  return { ...summary, nextAudition: nextOpenAudition(summary.openAuditionStarts, now) };
}

/** Whether two summaries hold the same values (plain data: key order and absent vs undefined do not matter). */
export function sameSummary(a: SearchSummary, b: SearchSummary): boolean {
  return canonical(a) === canonical(b);
}

/**
 * A summary as text with its keys in order and undefined values left out, so equal summaries give equal text
 * (also after a round trip through the table).
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
