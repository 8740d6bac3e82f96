/** How a performer's directory attributes read, in the talent search, on their page and in the editor's preview. */
import { countryName } from '../forms/places';

/**
 * A playing-age range in words, or undefined when the performer gave neither end.
 *
 * @example playingAge(30, 40) // '30–40'
 * @example playingAge(30, undefined) // '30 and over'
 */
export function playingAge(ageMin: number | undefined, ageMax: number | undefined): string | undefined {
  if (ageMin !== undefined && ageMax !== undefined) return ageMin === ageMax ? `${ageMin}` : `${ageMin}–${ageMax}`;
  if (ageMin !== undefined) return `${ageMin} and over`;
  if (ageMax !== undefined) return `up to ${ageMax}`;
  return undefined;
}

/**
 * Where a performer works from: city and country name, either alone, or undefined.
 *
 * @example placeOf('London', 'GB') // 'London, United Kingdom'
 */
export function placeOf(city: string | undefined, country: string | undefined): string | undefined {
  const parts = [city, country ? countryName(country) : undefined].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

/**
 * Up to two initials for the placeholder of a performer with no photo.
 *
 * @example initials('Ann Marie Example') // 'AE'
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/**
 * A comma-separated list typed by a person as the API's tags: trimmed, lower-case, single spaces, no empties or
 * repeats (the API normalises the same way, and says what it refuses).
 *
 * @example tagsOf(' Singing,stage  Combat,, singing') // ['singing', 'stage combat']
 */
export function tagsOf(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim().toLowerCase().replace(/\s+/gu, ' '))
    .filter(Boolean);
  return [...new Set(tags)];
}
