import type { Performance } from './performance';
import type { CharacterAttributes } from './search-plan';
import { nextAuditionKey, openAuditionStarts, runDays, searchFacets } from './search-terms';

/** What a search result shows; every index entry carries it, so a search reads the index only. */
export interface SearchSummary {
  readonly performanceId: string;
  readonly title: string;
  readonly kind: 'live' | 'filmed';
  readonly venueName: string;
  readonly city: string;
  readonly country: string;
  readonly timeZone: string;
  readonly nextAudition: string;
  /** The first and last day it runs, and every day as runs (`2027-01-09/2027-01-11`), in the venue's calendar. */
  readonly firstDay?: string;
  readonly lastDay?: string;
  readonly dayRuns?: readonly string[];
  /** Where the entry stood at any earlier instant, so a listing resumed later can tell what it already showed. */
  readonly openAuditionStarts?: readonly string[];
  readonly characters: readonly string[];
  readonly characterAttributes: readonly CharacterAttributes[];
  readonly facets: readonly string[];
}

/**
 * The summary search shows of a performance at `now`.
 * @example searchSummary(performance, now).facets // ['all', 'kind:live', 'w:hamlet', …]
 */
export function searchSummary(performance: Performance, now: Date): SearchSummary {
  return {
    performanceId: performance.performanceId,
    title: performance.title,
    kind: performance.kind,
    venueName: performance.venue.name,
    city: performance.venue.city,
    country: performance.venue.country,
    timeZone: performance.venue.timeZone,
    nextAudition: nextAuditionKey(performance, now),
    ...runDays(performance),
    openAuditionStarts: openAuditionStarts(performance),
    characters: performance.characters.map((c) => c.name),
    characterAttributes: performance.characters.map((c) => ({ ...c.attributes })),
    facets: searchFacets(performance),
  };
}
