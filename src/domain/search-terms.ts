import type { Performance } from './performance';
import { localToInstant, slotTimes } from './performance';

const stopWords = new Set(
  'a an and are as at be by for from in into is it its of on or the this to with de la le el del der die das und'.split(
    ' ',
  ),
);
/** Most keyword tokens a performance is indexed under; each is one index item, so this bounds write cost. */
export const maxKeywordTokens = 40;

/** Lower-case, accent-free words of two or more letters or digits, without stop words. */
export function keywordTokens(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && w.length <= 40 && !stopWords.has(w));
  return [...new Set(words)];
}

export const normalisedCity = (city: string) => keywordTokens(city).join('-');

/** The age decades a character's age range overlaps: 25–42 → [20, 30, 40]. */
export function ageDecades(ageMin?: number, ageMax?: number): number[] {
  if (ageMin === undefined && ageMax === undefined) return [];
  const from = Math.floor((ageMin ?? 0) / 10) * 10;
  const to = Math.floor((ageMax ?? 100) / 10) * 10;
  const decades: number[] = [];
  for (let d = from; d <= to; d += 10) decades.push(d);
  return decades;
}

/**
 * Every facet a performance is found under: one index item each. Keywords come from the title, the description,
 * the character names and the venue's name and city; the title, character and venue words come first so the
 * token cap drops description words, not names.
 *
 * @example searchFacets(p) // ['all', 'kind:live', 'country:GB', 'city:GB:london', 'w:hamlet', 'gender:female', …]
 */
export function searchFacets(performance: Performance): string[] {
  const { venue } = performance;
  const nameWords = keywordTokens(
    [performance.title, ...performance.characters.map((c) => c.name), venue.name, venue.city].join(' '),
  );
  const words = [...new Set([...nameWords, ...keywordTokens(performance.description)])].slice(0, maxKeywordTokens);
  const attributeFacets = performance.characters.flatMap((c) => [
    // A part open to any gender is found whichever gender is searched for.
    ...(c.attributes.gender === 'any'
      ? ['female', 'male', 'non-binary', 'any'].map((g) => `gender:${g}`)
      : c.attributes.gender
        ? [`gender:${c.attributes.gender}`]
        : []),
    ...(c.attributes.voiceType ? [`voice:${c.attributes.voiceType}`] : []),
    ...ageDecades(c.attributes.ageMin, c.attributes.ageMax).map((d) => `age:${d}`),
  ]);
  return [
    ...new Set([
      'all',
      `kind:${performance.kind}`,
      `country:${venue.country}`,
      `city:${venue.country}:${normalisedCity(venue.city)}`,
      ...attributeFacets,
      ...words.map((w) => `w:${w}`),
    ]),
  ];
}

/** Sorts after every instant: the index position of a performance with no audition ahead. */
export const noUpcomingAudition = '9999-12-31T23:59:59.999Z';

/**
 * When the next audition a performer could still sign up for starts (ISO), or `noUpcomingAudition` once casting
 * is closed or every slot has begun.
 */
export function nextAuditionKey(performance: Performance, now: Date): string {
  if (performance.castingClosed) return noUpcomingAudition;
  const upcoming = performance.slots
    .map((s) => slotTimes(s, performance.venue.timeZone).start)
    .filter((start) => start.getTime() > now.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
  return upcoming[0]?.toISOString() ?? noUpcomingAudition;
}

/** First and last performance dates as instants (ISO), for date-range filters. */
export function dateSpan(performance: Performance): { firstDate?: string; lastDate?: string } {
  const instants = performance.dates.map((d) => localToInstant(d, performance.venue.timeZone).toISOString()).sort();
  return { firstDate: instants[0], lastDate: instants.at(-1) };
}
