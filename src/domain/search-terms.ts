import type { Performance } from './performance';
import { slotTimes } from './performance';

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

/** The oldest playing age a search may ask for; an age range with no upper end reaches it. */
export const maxPlayingAge = 120;

/** The age decades a character's age range overlaps: 25–42 → [20, 30, 40]; 90– → [90, 100, 110, 120]. */
export function ageDecades(ageMin?: number, ageMax?: number): number[] {
  if (ageMin === undefined && ageMax === undefined) return [];
  const from = Math.floor((ageMin ?? 0) / 10) * 10;
  const to = Math.floor((ageMax ?? maxPlayingAge) / 10) * 10;
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
  return nextOpenAudition(openAuditionStarts(performance), now);
}

/**
 * The first of the open auditions' starts (ISO, in order) after `now`, or `noUpcomingAudition`; a summary carries
 * them, so an entry can be re-filed as time passes without reading its performance.
 *
 * @example nextOpenAudition(['2027-01-02T10:00:00.000Z', '2027-01-09T10:00:00.000Z'], new Date('2027-01-03T00:00:00Z')) // '2027-01-09T10:00:00.000Z'
 */
export function nextOpenAudition(starts: readonly string[], now: Date): string {
  return starts.find((start) => Date.parse(start) > now.getTime()) ?? noUpcomingAudition;
}

/**
 * The days a performance runs on, in the venue's calendar (a 19:30 show in Los Angeles on 30 Dec is on 30 Dec,
 * whatever day it is in UTC): the first and last day, and every day as runs of consecutive days
 * (`2027-01-09/2027-01-11`), which keeps an index entry small for the usual run of nights.
 *
 * @example runDays(p) // { firstDay: '2027-01-09', lastDay: '2027-01-20', dayRuns: ['2027-01-09/2027-01-11', '2027-01-20/2027-01-20'] }
 */
export function runDays(performance: Pick<Performance, 'dates'>): {
  firstDay?: string;
  lastDay?: string;
  dayRuns: string[];
} {
  const days = [...new Set(performance.dates.map((d) => d.slice(0, 10)))].sort();
  const runs: [string, string][] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && nextDay(last[1]) === day) last[1] = day;
    else runs.push([day, day]);
  }
  return { firstDay: days[0], lastDay: days.at(-1), dayRuns: runs.map(([from, to]) => `${from}/${to}`) };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Whether a performance runs on some day in [from, to] (venue calendar days, either end open).
 *
 * @example runsWithin(['2027-01-05/2027-01-05', '2027-01-20/2027-01-20'], { from: '2027-01-10', to: '2027-01-15' }) // false
 */
export function runsWithin(dayRuns: readonly string[], range: { from?: string; to?: string }): boolean {
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) return false; // an empty range
  return dayRuns.some((run) => {
    const [first = '', last = first] = run.split('/');
    return (range.from === undefined || last >= range.from) && (range.to === undefined || first <= range.to);
  });
}

/**
 * The start (ISO) of every audition a performer could sign up for while casting is open, in order; none once it
 * is closed. With the listing's start instant, this tells where an entry stood when a search listing began.
 */
export function openAuditionStarts(performance: Performance): string[] {
  if (performance.castingClosed) return [];
  return performance.slots.map((s) => slotTimes(s, performance.venue.timeZone).start.toISOString()).sort();
}
