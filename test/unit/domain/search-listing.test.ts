import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SearchEntry, SearchIndex, SearchRead } from '../../../src/domain/ports/search';
import type { ListingPosition } from '../../../src/domain/search-cursor';
import { searchListing } from '../../../src/domain/search-listing';
import { noUpcomingAudition } from '../../../src/domain/search-terms';

/** A search index in memory, reading the way the DynamoDB one does: a range of positions, at most `limit` read. */
function memoryIndex(entries: readonly SearchEntry[]): SearchIndex & { reads: number } {
  const sorted = [...entries].sort((a, b) => (a.position < b.position ? -1 : 1));
  const index = {
    reads: 0,
    async read(request: SearchRead) {
      index.reads++;
      const inRange = sorted.filter(
        (e) =>
          e.facets.includes(request.facet) &&
          e.position >= request.from &&
          e.position <= request.to &&
          (request.startAfter === undefined || e.position > request.startAfter),
      );
      const read = inRange.slice(0, request.limit);
      const passes = (e: SearchEntry) => (request.alsoRequired ?? []).every((f) => e.facets.includes(f));
      return {
        entries: read.filter(passes),
        lastPosition: inRange.length > request.limit ? read.at(-1)?.position : undefined,
      };
    },
    async sync() {},
    refile: async () => 0,
  };
  return index;
}

function entry(id: string, nextAudition: string, facets: string[]): SearchEntry {
  return {
    performanceId: id,
    title: id,
    kind: facets.includes('kind:filmed') ? 'filmed' : 'live',
    venueName: 'V',
    city: 'London',
    country: 'GB',
    timeZone: 'Europe/London',
    nextAudition,
    openAuditionStarts: nextAudition === noUpcomingAudition ? [] : [nextAudition],
    characters: [],
    characterAttributes: [],
    facets: ['all', ...facets],
    position: `${nextAudition}#${id}`,
  };
}

const now = new Date('2027-01-01T00:00:00.000Z');

async function everyPage(index: SearchIndex, query: { limit: number; kind?: 'live' | 'filmed' }) {
  const seen: string[] = [];
  let next: ListingPosition | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await searchListing(index, query, next, now);
    seen.push(...result.results.map((r) => r.performanceId));
    next = result.next;
    if (!next) return seen;
  }
  throw new Error('the listing does not end');
}

describe('searchListing (through the SearchIndex port, no database)', () => {
  it('lists every open match once, in next-audition order, whatever the page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ day: fc.integer({ min: 1, max: 28 }), filmed: fc.boolean(), open: fc.boolean() }), {
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom<'live' | 'filmed' | undefined>(undefined, 'live', 'filmed'),
        async (specs, limit, kind) => {
          const entries = specs.map((s, i) =>
            entry(`p${i}`, s.open ? `2027-02-${String(s.day).padStart(2, '0')}T10:00:00.000Z` : noUpcomingAudition, [
              s.filmed ? 'kind:filmed' : 'kind:live',
            ]),
          );
          const expected = entries
            .filter((e) => e.nextAudition !== noUpcomingAudition && (kind === undefined || e.kind === kind))
            .sort((a, b) => (a.position < b.position ? -1 : 1))
            .map((e) => e.performanceId);
          expect(await everyPage(memoryIndex(entries), { limit, kind })).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads the index at most five times for one page', async () => {
    const entries = Array.from({ length: 40 }, (_, i) =>
      entry(`p${i}`, `2027-02-01T10:${String(i).padStart(2, '0')}:00.000Z`, ['country:FR', 'kind:live']),
    );
    const index = memoryIndex(entries);
    // The index reads the country's entries and filters out every one (none is filmed).
    const page = await searchListing(index, { limit: 1, country: 'FR', kind: 'filmed' }, undefined, now);
    expect(page.results).toEqual([]);
    expect(index.reads).toBe(5);
    expect(page.next).toBeDefined();
  });
});
