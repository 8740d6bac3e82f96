import { ValidationError } from './errors';
import type { FieldIssue } from './errors';
import { ageDecades, keywordTokens, normalisedCity } from './search-terms';

/**
 * A performer's directory profile: what directors see of them in the talent directory, and `listed`, the
 * performer's own choice to be found there (false until they switch it on). Contact details are never part of it.
 */
export interface DirectoryFields {
  /** Whether the performer chose to be in the directory; absent means not listed. */
  readonly listed?: boolean;
  /** The playing-age range (either end may be open). */
  readonly ageMin?: number;
  readonly ageMax?: number;
  /** Gender as the performer describes it, in their own words. */
  readonly gender?: string;
  /** The category directors search by: one of the genders a character is cast by. */
  readonly genderCategory?: string;
  readonly voiceType?: string;
  /** Lower-case tags. */
  readonly skills?: readonly string[];
  readonly languages?: readonly string[];
  readonly unions?: readonly string[];
  readonly city?: string;
  /** ISO 3166-1 alpha-2. */
  readonly country?: string;
  /** https URLs. */
  readonly links?: { readonly reel?: string; readonly website?: string };
  readonly bio?: string;
}

/** The names of the directory fields, as a profile item and `PATCH /me` spell them. */
export const directoryFieldNames = [
  'listed',
  'ageMin',
  'ageMax',
  'gender',
  'genderCategory',
  'voiceType',
  'skills',
  'languages',
  'unions',
  'city',
  'country',
  'links',
  'bio',
] as const satisfies readonly (keyof DirectoryFields)[];

/** A change of directory fields: a value sets it, null clears it. */
export type DirectoryChanges = { readonly [K in keyof DirectoryFields]?: DirectoryFields[K] | null };

/** The most keyword tokens (from name and bio) a listed performer is found under; each is one index entry. */
export const maxDirectoryWords = 30;

/**
 * What a directory index entry carries of a listed performer: what a result shows and every value a query is
 * checked against. Never a contact detail.
 */
export interface DirectorySummary {
  readonly performerId: string;
  readonly name: string;
  /** The name as results are ordered by (lower-case, accent-free). */
  readonly sortName: string;
  readonly ageMin?: number;
  readonly ageMax?: number;
  readonly gender?: string;
  readonly genderCategory?: string;
  readonly voiceType?: string;
  readonly skills: readonly string[];
  readonly languages: readonly string[];
  readonly unions: readonly string[];
  readonly city?: string;
  readonly country?: string;
  /** Keyword tokens of the name and the bio (name first). */
  readonly words: readonly string[];
  /**
   * The photo ids, main first, as the profile holds them now: a result shows them, but no query reads them, so
   * index entries do not carry them and a new photo rewrites no entry (see `directoryIndexChanges`).
   */
  readonly photos?: readonly string[];
}

/** What `directorySummary` reads: a profile's identity, role and directory fields. */
export type DirectoryProfile = DirectoryFields & {
  readonly userId: string;
  readonly role: string;
  readonly name: string;
  readonly photos?: readonly string[];
};

/** The name as the directory orders it: accent-free, lower-case, single spaces. */
export function sortName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim().slice(0, 100);
}

/**
 * The directory summary of a profile, or undefined when it is not in the directory (a director, or a performer
 * who has not chosen to be listed).
 *
 * @example directorySummary({ userId: 'u1', role: 'performer', name: 'Ana Díaz', listed: true, voiceType: 'alto' }) // { performerId: 'u1', sortName: 'ana diaz', voiceType: 'alto', … }
 */
export function directorySummary(profile: DirectoryProfile): DirectorySummary | undefined {
  if (profile.role !== 'performer' || profile.listed !== true) return undefined;
  const defined = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    performerId: profile.userId,
    name: profile.name,
    sortName: sortName(profile.name),
    ...defined('ageMin', profile.ageMin),
    ...defined('ageMax', profile.ageMax),
    ...defined('gender', profile.gender),
    ...defined('genderCategory', profile.genderCategory),
    ...defined('voiceType', profile.voiceType),
    skills: [...(profile.skills ?? [])],
    languages: [...(profile.languages ?? [])],
    unions: [...(profile.unions ?? [])],
    ...defined('city', profile.city),
    ...defined('country', profile.country),
    words: [...new Set([...keywordTokens(profile.name), ...keywordTokens(profile.bio ?? '')])].slice(
      0,
      maxDirectoryWords,
    ),
    ...(profile.photos?.length ? { photos: [...profile.photos] } : {}),
  };
}

/**
 * What a directory index entry stores of a summary: everything a query checks, not the photos (read from the
 * profile with each result).
 *
 * @example indexedSummary({ performerId: 'u1', photos: ['p1'], … }) // { performerId: 'u1', … } without photos
 */
export function indexedSummary(summary: DirectorySummary): DirectorySummary {
  const { photos: _photos, ...indexed } = summary;
  return indexed;
}

/**
 * Every facet a listed performer is found under: one index entry each.
 *
 * @example directoryFacets(summary) // ['all', 'voice:baritone', 'age:30', 'age:40', 'skill:singing', 'city:GB:london', 'w:ana', …]
 */
export function directoryFacets(summary: DirectorySummary): string[] {
  return [
    ...new Set([
      'all',
      ...(summary.genderCategory ? [`gender:${summary.genderCategory}`] : []),
      ...(summary.voiceType ? [`voice:${summary.voiceType}`] : []),
      ...ageDecades(summary.ageMin, summary.ageMax).map((d) => `age:${d}`),
      ...summary.skills.map((s) => `skill:${s}`),
      ...summary.languages.map((l) => `lang:${l}`),
      ...summary.unions.map((u) => `union:${u}`),
      ...(summary.country ? [`country:${summary.country}`] : []),
      ...(summary.country && summary.city ? [`city:${summary.country}:${normalisedCity(summary.city)}`] : []),
      ...summary.words.map((w) => `w:${w}`),
    ]),
  ];
}

/**
 * Whether a profile change is one the caller may make: only performers have a directory profile, and the playing
 * age range as it would be after the change must not run backwards. Throws ValidationError naming the fields.
 *
 * @example checkDirectoryChanges({ role: 'director', … }, { listed: true }) // throws: body.listed: only performers have a directory profile
 */
export function checkDirectoryChanges(profile: DirectoryProfile, changes: DirectoryChanges): void {
  const given = directoryFieldNames.filter((name) => changes[name] !== undefined);
  if (given.length === 0) return;
  const issues: FieldIssue[] = [];
  if (profile.role !== 'performer') {
    issues.push(
      ...given.map((name) => ({ path: `body.${name}`, message: 'only performers have a directory profile' })),
    );
  } else {
    const after = (name: 'ageMin' | 'ageMax') =>
      changes[name] === undefined ? profile[name] : (changes[name] ?? undefined);
    const [min, max] = [after('ageMin'), after('ageMax')];
    if (min !== undefined && max !== undefined && min > max) {
      issues.push({ path: 'body.ageMin', message: `must not be above the playing age's upper end (${max})` });
    }
  }
  if (issues.length) throw new ValidationError(issues);
}

/**
 * What to write so the directory index holds `after` in place of `before` (each undefined when the performer is
 * not listed): facets whose entry must be put (each carries `after`) and facets whose entry must go. An entry that
 * would stay the same is in neither, so a change the directory does not show (a phone number) writes nothing.
 */
export function directoryIndexChanges(
  before: DirectorySummary | undefined,
  after: DirectorySummary | undefined,
): { put: string[]; remove: string[] } {
  const beforeFacets = before ? directoryFacets(before) : [];
  const afterFacets = after ? directoryFacets(after) : [];
  const same =
    before !== undefined && after !== undefined && sameSummary(indexedSummary(before), indexedSummary(after));
  const stays = new Set(afterFacets);
  return {
    put: same ? afterFacets.filter((f) => !beforeFacets.includes(f)) : afterFacets,
    remove: beforeFacets.filter((f) => !stays.has(f)),
  };
}

function sameSummary(a: DirectorySummary, b: DirectorySummary): boolean {
  const canonical = (s: DirectorySummary) =>
    JSON.stringify(Object.entries(s).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return canonical(a) === canonical(b);
}

/**
 * The directory fields a stored profile holds (those it has; an absent field is left out).
 *
 * @example directoryFieldsOf({ name: 'Ana', listed: true, city: 'London' }) // { listed: true, city: 'London' }
 */
export function directoryFieldsOf(record: Record<string, unknown>): DirectoryFields {
  return Object.fromEntries(
    directoryFieldNames.flatMap((name) => (record[name] === undefined ? [] : [[name, record[name]]])),
  ) as DirectoryFields;
}
