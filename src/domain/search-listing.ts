import type { SearchEntry, SearchIndex } from './ports/search';
import type { ListingPosition } from './search-cursor';
import { alreadyListed } from './search-cursor';
import type { SearchPlan, SearchQuery } from './search-plan';
import { anyCharacterMatches, planSearch } from './search-plan';
import type { SearchSummary } from './search-summary';
import { noUpcomingAudition, runsWithin } from './search-terms';

/** How many index reads one page may take before it returns what it has (with a position to go on). */
const maxReadsPerPage = 5;

export interface SearchListingPage {
  readonly results: readonly SearchSummary[];
  /** Where the next page goes on from; undefined on the last page. */
  readonly next?: ListingPosition;
}

/** Whether an entry the index's filter let through matches the whole query. */
function matches(entry: SearchEntry, plan: SearchPlan, wanted: SearchQuery): boolean {
  if (plan.dateRange && !runsWithin(entry.dayRuns ?? [], plan.dateRange)) return false;
  return anyCharacterMatches(entry.characterAttributes ?? [], wanted);
}

/**
 * One page of a search: one facet's entries are read in next-audition order and the other conditions filtered
 * on the same entries, so a page costs what it reads, whatever the number of performances stored. A listing
 * resumed from `resumed` whose position's audition has begun goes on from the present, leaving out what it has
 * already shown.
 *
 * @example await searchListing(index, { q: 'hamlet', limit: 20 }, undefined, now) // { results: […], next: { startedAt, after } }
 */
export async function searchListing(
  index: SearchIndex,
  query: SearchQuery,
  resumed: ListingPosition | undefined,
  now: Date,
): Promise<SearchListingPage> {
  const plan = planSearch(query);
  const from = now.toISOString();
  // Without includeClosed, entries past the last open audition (keyed noUpcomingAudition) are out of range.
  const to = plan.includeClosed ? `${noUpcomingAudition}~` : noUpcomingAudition;
  const startedAt = resumed?.startedAt ?? from;
  const results: SearchEntry[] = [];
  let position = resumed?.after;
  let more = position === undefined || position <= to;
  for (let reads = 0; more && reads < maxReadsPerPage && results.length < query.limit; reads++) {
    const page = await index.read({
      facet: plan.facet,
      from,
      to,
      limit: query.limit * 2,
      // A position before the present (its audition has begun) is continued from the present.
      startAfter: position !== undefined && position >= from ? position : undefined,
      alsoRequired: plan.alsoRequired,
      days: plan.dateRange,
    });
    let stoppedEarly = false;
    for (const entry of page.entries) {
      if (results.length === query.limit) {
        stoppedEarly = true;
        break;
      }
      position = entry.position;
      if (resumed && alreadyListed(entry, resumed)) continue;
      if (matches(entry, plan, query)) results.push(entry);
    }
    if (!stoppedEarly) position = page.lastPosition ?? position;
    more = stoppedEarly || page.lastPosition !== undefined;
  }
  return { results, next: more && position !== undefined ? { startedAt, after: position } : undefined };
}
