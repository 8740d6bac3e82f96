import { searchCursorKey } from '../config';
import { queryFacet } from '../adapters/dynamodb/search-index';
import type { IndexEntry } from '../adapters/dynamodb/search-index';
import { alreadyListed, readSearchCursor, searchCursor } from '../domain/search-cursor';
import type { ListingPosition } from '../domain/search-cursor';
import { anyCharacterMatches, planSearch } from '../domain/search-plan';
import type { SearchPlan } from '../domain/search-plan';
import { noUpcomingAudition, runsWithin } from '../domain/search-terms';
import { tableName } from './context';
import { protectedRoute } from './http/handler';

/** How many index reads one page may take before it returns what it has (with a cursor to go on). */
const maxReadsPerPage = 5;

/** The filter on the index items: facets they must also have, and a prefilter on the days they run. */
function filterFor(plan: SearchPlan) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts: string[] = [];
  plan.alsoRequired.forEach((facet, i) => {
    names['#facets'] = 'facets';
    values[`:facet${i}`] = facet;
    parts.push(`contains(#facets, :facet${i})`);
  });
  if (plan.dateRange?.from) {
    names['#lastDay'] = 'lastDay';
    values[':daysFrom'] = plan.dateRange.from;
    parts.push('#lastDay >= :daysFrom');
  }
  if (plan.dateRange?.to) {
    names['#firstDay'] = 'firstDay';
    values[':daysTo'] = plan.dateRange.to;
    parts.push('#firstDay <= :daysTo');
  }
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
}

/** Whether an entry the index filter let through matches the whole query. */
function matches(entry: IndexEntry, plan: SearchPlan, wanted: { gender?: string; voiceType?: string; age?: number }) {
  if (plan.dateRange && !runsWithin(entry.dayRuns ?? [], plan.dateRange)) return false;
  return anyCharacterMatches(entry.characterAttributes ?? [], wanted);
}

/**
 * Searches performances through the search index only (never a Scan): one facet's partition is read in
 * next-audition order and the other conditions are filtered on the same items, so a page costs what it reads,
 * whatever the number of performances stored. A cursor holds where the listing stands and when it started;
 * once the audition at its position has begun, the listing goes on from the present, leaving out what it has
 * already shown.
 */
export const handler = protectedRoute('performance-search', async ({ query, receivedAt }) => {
  const plan = planSearch(query);
  const filter = filterFor(plan);
  const from = receivedAt.toISOString();
  // Without includeClosed, entries past the last open audition (keyed noUpcomingAudition) are out of range.
  const to = plan.includeClosed ? `${noUpcomingAudition}~` : noUpcomingAudition;
  const resumed: ListingPosition | undefined =
    query.cursor === undefined ? undefined : readSearchCursor(query.cursor, query, searchCursorKey());
  const startedAt = resumed?.startedAt ?? from;
  const results: IndexEntry[] = [];
  let position = resumed?.after;
  let more = position === undefined || position <= to;
  for (let reads = 0; more && reads < maxReadsPerPage && results.length < query.limit; reads++) {
    const page = await queryFacet(tableName(), {
      facet: plan.facet,
      from,
      to,
      limit: query.limit * 2,
      // A position before the present (its audition has begun) is continued from the present.
      startAfter: position !== undefined && position >= from ? position : undefined,
      filter,
    });
    let stoppedEarly = false;
    for (const entry of page.entries) {
      if (results.length === query.limit) {
        stoppedEarly = true;
        break;
      }
      position = entry.gsi2sk;
      if (resumed && alreadyListed(entry, resumed)) continue;
      if (matches(entry, plan, query)) results.push(entry);
    }
    if (!stoppedEarly) position = page.lastPosition ?? position;
    more = stoppedEarly || page.lastPosition !== undefined;
  }
  return {
    body: {
      results: results.map((r) => ({
        performanceId: r.performanceId,
        title: r.title,
        kind: r.kind,
        venueName: r.venueName,
        city: r.city,
        country: r.country,
        timeZone: r.timeZone,
        nextAudition: r.nextAudition === noUpcomingAudition ? null : r.nextAudition,
        firstDate: r.firstDay,
        lastDate: r.lastDay,
        characters: [...r.characters],
      })),
      next:
        more && position !== undefined ? searchCursor({ startedAt, after: position }, query, searchCursorKey()) : null,
    },
  };
});
