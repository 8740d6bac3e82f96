import type { DirectorySummary } from './directory';
import type { DirectoryEntry, DirectoryIndex } from './ports/directory';
import { ageDecades, keywordTokens, maxPlayingAge, normalisedCity } from './search-terms';

/** What a director searches the talent directory for; every filter is optional, and all given must hold. */
export interface DirectoryQuery {
  /** Words from the performer's name or bio (all must be there). */
  readonly q?: string;
  /** A playing age the performer's range includes. */
  readonly age?: number;
  /** An age range the performer's range overlaps (either end may be open). */
  readonly ageMin?: number;
  readonly ageMax?: number;
  readonly gender?: string;
  readonly voiceType?: string;
  /** Every one of these skills (lower-case tags). */
  readonly skills?: readonly string[];
  /** Every one of these languages. */
  readonly languages?: readonly string[];
  readonly union?: string;
  readonly city?: string;
  /** ISO 3166-1 alpha-2; required with a city. */
  readonly country?: string;
  readonly limit: number;
  readonly cursor?: string;
}

// Which facet to read: the rarest kind the query has, so the fewest index entries are read.
const selectivity = ['w:', 'skill:', 'union:', 'city:', 'lang:', 'voice:', 'age:', 'country:', 'gender:'];
const rank = (facet: string) => selectivity.findIndex((prefix) => facet.startsWith(prefix));

/** The playing ages asked for, as a closed range, or undefined when the query asks none. */
function askedAges(query: DirectoryQuery): [number, number] | undefined {
  if (query.age !== undefined) return [query.age, query.age];
  if (query.ageMin === undefined && query.ageMax === undefined) return undefined;
  return [query.ageMin ?? 0, query.ageMax ?? maxPlayingAge];
}

/**
 * The facet whose index partition a query reads: every result has it. An age range spanning decades has no one
 * facet every result shares, so it is checked on the entries instead.
 *
 * @example directoryFacet({ city: 'London', country: 'GB', voiceType: 'baritone', limit: 20 }) // 'city:GB:london'
 */
export function directoryFacet(query: DirectoryQuery): string {
  const ages = askedAges(query);
  const decades = ages ? ageDecades(ages[0], ages[1]) : [];
  const facets = [
    ...keywordTokens(query.q ?? '')
      .sort((a, b) => b.length - a.length)
      .map((w) => `w:${w}`),
    ...(query.skills ?? []).map((s) => `skill:${s}`),
    ...(query.union ? [`union:${query.union}`] : []),
    ...(query.city && query.country ? [`city:${query.country}:${normalisedCity(query.city)}`] : []),
    ...(query.languages ?? []).map((l) => `lang:${l}`),
    ...(query.voiceType ? [`voice:${query.voiceType}`] : []),
    ...(decades.length === 1 ? [`age:${decades[0]}`] : []),
    ...(query.country ? [`country:${query.country}`] : []),
    ...(query.gender ? [`gender:${query.gender}`] : []),
  ];
  return [...facets].sort((a, b) => rank(a) - rank(b))[0] ?? 'all';
}

/**
 * Whether a listed performer matches the whole query. A performer with no playing-age range matches no age filter;
 * a range open at one end reaches 0 or the oldest playing age.
 *
 * @example matchesDirectoryQuery(summary, { voiceType: 'baritone', ageMin: 30, ageMax: 40, limit: 20 }) // true for a baritone playing 35–45
 */
export function matchesDirectoryQuery(summary: DirectorySummary, query: DirectoryQuery): boolean {
  const ages = askedAges(query);
  if (ages) {
    if (summary.ageMin === undefined && summary.ageMax === undefined) return false;
    if ((summary.ageMin ?? 0) > ages[1] || (summary.ageMax ?? maxPlayingAge) < ages[0]) return false;
  }
  if (query.gender !== undefined && summary.genderCategory !== query.gender) return false;
  if (query.voiceType !== undefined && summary.voiceType !== query.voiceType) return false;
  if (!(query.skills ?? []).every((s) => summary.skills.includes(s))) return false;
  if (!(query.languages ?? []).every((l) => summary.languages.includes(l))) return false;
  if (query.union !== undefined && !summary.unions.includes(query.union)) return false;
  if (query.country !== undefined && summary.country !== query.country) return false;
  if (query.city !== undefined && normalisedCity(summary.city ?? '') !== normalisedCity(query.city)) return false;
  return keywordTokens(query.q ?? '').every((w) => summary.words.includes(w));
}

/** How many index reads one page may take before it returns what it has (with a position to go on). */
const maxReadsPerPage = 5;

export interface DirectoryListingPage {
  readonly results: readonly DirectorySummary[];
  /** The index position the next page goes on after; undefined on the last page. */
  readonly next?: string;
}

/**
 * One page of a directory search: one facet's entries are read in name order and checked against the whole
 * query; the page's candidates are then read from their profiles, and only those listed now (and still matching)
 * are shown, so a performer who has just unlisted never appears, whatever the index still holds.
 *
 * @example await directoryListing(index, { city: 'London', country: 'GB', limit: 20 }, undefined) // { results: […], next: 'ana diaz#u1' }
 */
export async function directoryListing(
  index: DirectoryIndex,
  query: DirectoryQuery,
  after: string | undefined,
): Promise<DirectoryListingPage> {
  const facet = directoryFacet(query);
  const results: DirectorySummary[] = [];
  let position = after;
  let more = true;
  for (let reads = 0; more && reads < maxReadsPerPage && results.length < query.limit; reads++) {
    const page = await index.read({ facet, limit: query.limit * 2, startAfter: position });
    const candidates: DirectoryEntry[] = [];
    let stoppedEarly = false;
    for (const entry of page.entries) {
      if (results.length + candidates.length === query.limit) {
        stoppedEarly = true;
        break;
      }
      position = entry.position;
      if (matchesDirectoryQuery(entry, query)) candidates.push(entry);
    }
    if (!stoppedEarly) position = page.lastPosition ?? position;
    more = stoppedEarly || page.lastPosition !== undefined;
    if (candidates.length === 0) continue;
    const current = await index.listedNow(candidates.map((c) => c.performerId));
    for (const candidate of candidates) {
      const now = current.get(candidate.performerId);
      if (now && matchesDirectoryQuery(now, query)) results.push(now);
    }
  }
  return { results, next: more && position !== undefined ? position : undefined };
}
