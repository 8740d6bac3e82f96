import type { SearchIndex, SearchRead } from '../../domain/ports/search';
import { queryFacet, refileSearchEntries, storedSummary, writeSearchEntries } from './search-index';

/** The filter on the index entries: facets they must also have, and a prefilter on the days they run. */
function filterFor(request: SearchRead) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts: string[] = [];
  (request.alsoRequired ?? []).forEach((facet, i) => {
    names['#facets'] = 'facets';
    values[`:facet${i}`] = facet;
    parts.push(`contains(#facets, :facet${i})`);
  });
  if (request.days?.from) {
    names['#lastDay'] = 'lastDay';
    values[':daysFrom'] = request.days.from;
    parts.push('#lastDay >= :daysFrom');
  }
  if (request.days?.to) {
    names['#firstDay'] = 'firstDay';
    values[':daysTo'] = request.days.to;
    parts.push('#firstDay <= :daysTo');
  }
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
}

/** The search index as entries `PERF#<id>` / `SEARCH#<facet>`, read through gsi2 (see keys.ts). */
export function dynamoSearchIndex(tableName: string): SearchIndex {
  return {
    async read(request) {
      const page = await queryFacet(tableName, {
        facet: request.facet,
        from: request.from,
        to: request.to,
        limit: request.limit,
        startAfter: request.startAfter,
        filter: filterFor(request),
      });
      return {
        entries: page.entries.map((item) => ({ ...storedSummary(item), position: item.gsi2sk })),
        lastPosition: page.lastPosition,
      };
    },
    sync: (performanceId, before, after) => writeSearchEntries(tableName, performanceId, before, after),
    refile: (filed, next) => refileSearchEntries(tableName, filed, next),
  };
}
