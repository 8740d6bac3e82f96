import { queryFacet } from '../adapters/dynamodb/search-index';
import type { IndexEntry } from '../adapters/dynamodb/search-index';
import { ValidationError } from '../domain/errors';
import { anyCharacterMatches, planSearch } from '../domain/search-plan';
import type { SearchPlan } from '../domain/search-plan';
import { noUpcomingAudition } from '../domain/search-terms';
import { tableName } from './context';
import { protectedRoute } from './http/handler';

/** How many index reads one page may take before it returns what it has (with a cursor to go on). */
const maxReadsPerPage = 5;

function filterFor(plan: SearchPlan) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts: string[] = [];
  plan.alsoRequired.forEach((facet, i) => {
    names['#facets'] = 'facets';
    values[`:f${i}`] = facet;
    parts.push(`contains(#facets, :f${i})`);
  });
  if (plan.dateRange?.from) {
    names['#last'] = 'lastDate';
    values[':from'] = plan.dateRange.from;
    parts.push('#last >= :from');
  }
  if (plan.dateRange?.to) {
    names['#first'] = 'firstDate';
    values[':to'] = plan.dateRange.to;
    parts.push('#first <= :to');
  }
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
}

const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string, facet: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const fields = ['pk', 'sk', 'gsi2pk', 'gsi2sk'];
    if (
      fields.every((f) => typeof key[f] === 'string') &&
      key.gsi2pk === `SEARCH#${facet}` &&
      Object.keys(key).length === 4
    ) {
      return key;
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError([{ path: 'query.cursor', message: 'is not a cursor from this search' }]);
}

/**
 * Searches performances through the search index only (never a Scan): one facet's partition is read in
 * next-audition order and the other conditions are filtered on the same items, so a page costs what it reads,
 * whatever the number of performances stored.
 */
export const handler = protectedRoute('performance-search', async ({ query, receivedAt }) => {
  const plan = planSearch(query);
  const filter = filterFor(plan);
  const from = receivedAt.toISOString();
  // Without includeClosed, entries past the last open audition (keyed noUpcomingAudition) are out of range.
  const to = plan.includeClosed ? `${noUpcomingAudition}~` : noUpcomingAudition;
  const results: IndexEntry[] = [];
  let startKey = query.cursor ? decodeCursor(query.cursor, plan.facet) : undefined;
  let next: Record<string, unknown> | undefined;
  for (let reads = 0; reads < maxReadsPerPage; reads++) {
    const page = await queryFacet(tableName(), {
      facet: plan.facet,
      from,
      to,
      limit: query.limit * 2,
      startKey,
      filter,
    });
    for (const entry of page.entries) {
      if (results.length === query.limit) break;
      next = { pk: entry.pk, sk: entry.sk, gsi2pk: entry.gsi2pk, gsi2sk: entry.gsi2sk };
      if (!anyCharacterMatches(entry.characterAttributes ?? [], query)) continue;
      results.push(entry);
    }
    if (results.length === query.limit) break;
    next = page.lastKey;
    startKey = page.lastKey;
    if (!page.lastKey) break;
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
        firstDate: r.firstDate,
        lastDate: r.lastDate,
        characters: [...r.characters],
      })),
      next: next ? encodeCursor(next) : null,
    },
  };
});
