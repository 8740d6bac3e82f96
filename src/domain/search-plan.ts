import { ageDecades, keywordTokens, maxPlayingAge, normalisedCity } from './search-terms';

/** What a performer searches for; every filter is optional, and all given must hold. */
export interface SearchQuery {
  /** Words from the title, description, characters, venue or city. */
  readonly q?: string;
  readonly city?: string;
  /** ISO 3166-1 alpha-2; required with a city. */
  readonly country?: string;
  /** Performances running on or after / on or before these days (YYYY-MM-DD), in the venue's calendar. */
  readonly from?: string;
  readonly to?: string;
  readonly kind?: 'live' | 'filmed';
  readonly gender?: string;
  readonly voiceType?: string;
  /** A playing age some character's range includes. */
  readonly age?: number;
  readonly includeClosed?: boolean;
  /** The page size. */
  readonly limit: number;
  /** Where the previous page stopped (opaque). */
  readonly cursor?: string;
}

export interface SearchPlan {
  /** The facet whose index partition is read. */
  readonly facet: string;
  /** Facets every result must also have (checked by a filter on the same index items). */
  readonly alsoRequired: readonly string[];
  /** Some performance date must fall on a day in this range (venue calendar days, YYYY-MM-DD), when given. */
  readonly dateRange?: { readonly from?: string; readonly to?: string };
  readonly age?: number;
  readonly includeClosed: boolean;
}

// Which facet to read first: the rarest kind of facet the query has, so the fewest index items are read.
const selectivity = (facet: string) =>
  facet.startsWith('w:')
    ? 0
    : facet.startsWith('city:')
      ? 1
      : facet.startsWith('voice:')
        ? 2
        : facet.startsWith('age:')
          ? 3
          : facet.startsWith('country:')
            ? 4
            : facet.startsWith('gender:')
              ? 5
              : facet.startsWith('kind:')
                ? 6
                : 7;

/**
 * Turns a search query into one index partition to read and the conditions to filter it by. Longer keywords are
 * usually rarer, so the longest is read and the others filtered.
 *
 * @example planSearch({ q: 'hamlet london', kind: 'live', limit: 20 }) // { facet: 'w:hamlet', alsoRequired: ['w:london', 'kind:live'], … }
 */
export function planSearch(query: SearchQuery): SearchPlan {
  const words = keywordTokens(query.q ?? '').sort((a, b) => b.length - a.length);
  const facets = [
    ...words.map((w) => `w:${w}`),
    ...(query.city && query.country ? [`city:${query.country}:${normalisedCity(query.city)}`] : []),
    ...(query.country && !query.city ? [`country:${query.country}`] : []),
    ...(query.voiceType ? [`voice:${query.voiceType}`] : []),
    ...(query.age !== undefined ? ageDecades(query.age, query.age).map((d) => `age:${d}`) : []),
    ...(query.gender ? [`gender:${query.gender}`] : []),
    ...(query.kind ? [`kind:${query.kind}`] : []),
  ];
  const ordered = [...facets].sort((a, b) => selectivity(a) - selectivity(b));
  const [facet = 'all', ...alsoRequired] = ordered;
  return {
    facet,
    alsoRequired,
    dateRange: query.from || query.to ? { from: query.from, to: query.to } : undefined,
    age: query.age,
    includeClosed: query.includeClosed ?? false,
  };
}

export interface CharacterAttributes {
  readonly gender?: string;
  readonly voiceType?: string;
  readonly ageMin?: number;
  readonly ageMax?: number;
}

/**
 * Whether one character has every attribute asked for. The index facets say only that some character has each
 * one; this checks they belong to the same character (a male part aged 25–40 and a female part aged 50 do not
 * make a female part aged 45).
 *
 * @example anyCharacterMatches([{ gender: 'female', ageMin: 30, ageMax: 45 }], { gender: 'female', age: 44 }) // true
 */
export function anyCharacterMatches(
  characters: readonly CharacterAttributes[],
  wanted: { gender?: string; voiceType?: string; age?: number },
): boolean {
  if (wanted.gender === undefined && wanted.voiceType === undefined && wanted.age === undefined) return true;
  return characters.some(
    (c) =>
      (wanted.gender === undefined || c.gender === wanted.gender || c.gender === 'any') &&
      (wanted.voiceType === undefined || c.voiceType === wanted.voiceType) &&
      (wanted.age === undefined ||
        ((c.ageMin !== undefined || c.ageMax !== undefined) &&
          (c.ageMin ?? 0) <= wanted.age &&
          wanted.age <= (c.ageMax ?? maxPlayingAge))),
  );
}
