import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DirectoryProfile, DirectorySummary } from '../../../src/domain/directory';
import {
  checkDirectoryChanges,
  directoryFacets,
  directoryIndexChanges,
  directorySummary,
} from '../../../src/domain/directory';
import { directoryCursor, readDirectoryCursor } from '../../../src/domain/directory-cursor';
import type { DirectoryQuery } from '../../../src/domain/directory-search';
import { directoryFacet, directoryListing, matchesDirectoryQuery } from '../../../src/domain/directory-search';
import { InvalidCursorError, ValidationError } from '../../../src/domain/errors';
import type { DirectoryIndex, DirectoryRead } from '../../../src/domain/ports/directory';

const position = (s: DirectorySummary) => `${s.sortName}#${s.performerId}`;

/**
 * A directory in memory, read the way the DynamoDB one is: a facet's entries in position order, at most `limit`.
 * `indexed` is what the index holds (it may lag behind); `profiles` is what the profiles hold now.
 */
function memoryDirectory(indexed: readonly DirectoryProfile[], profiles: readonly DirectoryProfile[]) {
  const entries = indexed
    .flatMap((p) => {
      const summary = directorySummary(p);
      return summary
        ? directoryFacets(summary).map((facet) => ({ facet, ...summary, position: position(summary) }))
        : [];
    })
    .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const index: DirectoryIndex & { reads: number } = {
    reads: 0,
    async read(request: DirectoryRead) {
      index.reads++;
      const inFacet = entries.filter(
        (e) => e.facet === request.facet && (request.startAfter === undefined || e.position > request.startAfter),
      );
      const read = inFacet.slice(0, request.limit).map(({ facet: _facet, ...entry }) => entry);
      return { entries: read, lastPosition: inFacet.length > request.limit ? read.at(-1)?.position : undefined };
    },
    async listedNow(ids) {
      const found = new Map<string, DirectorySummary>();
      for (const p of profiles) {
        const summary = ids.includes(p.userId) ? directorySummary(p) : undefined;
        if (summary) found.set(p.userId, summary);
      }
      return found;
    },
    async sync() {},
  };
  return index;
}

async function everyPage(index: DirectoryIndex, query: DirectoryQuery) {
  const seen: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 200; page++) {
    const result = await directoryListing(index, query, after);
    expect(result.results.length).toBeLessThanOrEqual(query.limit);
    seen.push(...result.results.map((r) => r.performerId));
    if (!result.next) return seen;
    after = result.next;
  }
  throw new Error('the listing did not end');
}

const tag = fc.constantFrom('singing', 'dancing', 'stage combat', 'juggling');
const language = fc.constantFrom('english', 'french', 'welsh');
const profileArb = (userId: string): fc.Arbitrary<DirectoryProfile> =>
  fc.record(
    {
      userId: fc.constant(userId),
      role: fc.constantFrom('performer', 'performer', 'performer', 'director'),
      name: fc.constantFrom('Ana Díaz', 'ana diaz', 'Bo Lee', 'Cleo Marsh', 'Dev Patel'),
      listed: fc.boolean(),
      ageMin: fc.integer({ min: 0, max: 80 }),
      ageMax: fc.integer({ min: 20, max: 120 }),
      genderCategory: fc.constantFrom('female', 'male', 'non-binary'),
      voiceType: fc.constantFrom('baritone', 'tenor', 'alto'),
      skills: fc.uniqueArray(tag, { maxLength: 3 }),
      languages: fc.uniqueArray(language, { maxLength: 2 }),
      unions: fc.uniqueArray(fc.constantFrom('equity', 'sag-aftra'), { maxLength: 1 }),
      city: fc.constantFrom('London', 'Cardiff'),
      country: fc.constant('GB'),
      bio: fc.constantFrom('', 'Sings opera and jazz', 'Clown and juggler'),
    },
    { requiredKeys: ['userId', 'role', 'name', 'listed'] },
  );

/** A query of up to two filters (more would match almost nobody of a few random profiles) and a small page. */
const queryArb: fc.Arbitrary<DirectoryQuery> = fc
  .tuple(
    fc.record({
      q: fc.constantFrom('ana', 'opera', 'clown juggler', 'nobody'),
      age: fc.integer({ min: 0, max: 120 }),
      ageMin: fc.integer({ min: 0, max: 60 }),
      ageMax: fc.integer({ min: 60, max: 120 }),
      gender: fc.constantFrom('female', 'male', 'non-binary'),
      voiceType: fc.constantFrom('baritone', 'tenor'),
      skills: fc.uniqueArray(tag, { minLength: 1, maxLength: 2 }),
      languages: fc.uniqueArray(language, { minLength: 1, maxLength: 1 }),
      union: fc.constantFrom('equity'),
      city: fc.constantFrom('london', 'Cardiff'),
    }),
    fc.subarray(['q', 'age', 'ageMin', 'ageMax', 'gender', 'voiceType', 'skills', 'languages', 'union', 'city'], {
      maxLength: 2,
    }),
    fc.integer({ min: 1, max: 4 }),
  )
  .map(([values, chosen, limit]) => {
    const query: Record<string, unknown> = { limit };
    for (const name of chosen) query[name] = values[name as keyof typeof values];
    if (query.city) query.country = 'GB';
    if (query.age !== undefined) {
      delete query.ageMin;
      delete query.ageMax;
    }
    return query as unknown as DirectoryQuery;
  });

describe('the directory listing', () => {
  it('lists, page by page, exactly the listed performers a naive filter over every profile finds, in name order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.nat(), { minLength: 0, maxLength: 25 })
          .chain((ids) => fc.tuple(...[...new Set(ids)].map((id) => fc.tuple(profileArb(`u${id}`), fc.boolean())))),
        queryArb,
        async (pairs, query) => {
          const profiles = pairs.map(([p]) => p);
          // Some performers changed since the index caught up: it still holds them as listed.
          const indexed = pairs.map(([p, stale]) => (stale ? { ...p, listed: true } : p));
          const expected = profiles
            .map(directorySummary)
            .filter((s): s is DirectorySummary => s !== undefined && matchesDirectoryQuery(s, query))
            .sort((a, b) => (position(a) < position(b) ? -1 : 1))
            .map((s) => s.performerId);
          expect(await everyPage(memoryDirectory(indexed, profiles), query)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never shows a performer who is not listed now, even while the index still holds their entries', async () => {
    const unlisted: DirectoryProfile = { userId: 'u1', role: 'performer', name: 'Ana', listed: false };
    const index = memoryDirectory([{ ...unlisted, listed: true }], [unlisted]);
    expect(await everyPage(index, { limit: 10 })).toEqual([]);
    expect(await everyPage(index, { q: 'ana', limit: 10 })).toEqual([]);
  });

  it('reads the rarest facet the query has', () => {
    expect(
      directoryFacet({ city: 'London', country: 'GB', voiceType: 'baritone', ageMin: 30, ageMax: 40, limit: 5 }),
    ).toBe('city:GB:london');
    expect(directoryFacet({ voiceType: 'baritone', skills: ['singing'], limit: 5 })).toBe('skill:singing');
    expect(directoryFacet({ age: 35, gender: 'male', limit: 5 })).toBe('age:30');
    // 30–40 spans two decades: no one age facet holds every result.
    expect(directoryFacet({ ageMin: 30, ageMax: 40, gender: 'male', limit: 5 })).toBe('gender:male');
    expect(directoryFacet({ limit: 5 })).toBe('all');
  });

  it('matches a playing-age range that overlaps the one asked for, and no age filter without a range', () => {
    const summary = directorySummary({
      userId: 'u1',
      role: 'performer',
      name: 'Bo',
      listed: true,
      ageMin: 35,
      ageMax: 45,
    }) as DirectorySummary;
    expect(matchesDirectoryQuery(summary, { ageMin: 30, ageMax: 40, limit: 1 })).toBe(true);
    expect(matchesDirectoryQuery(summary, { ageMin: 46, limit: 1 })).toBe(false);
    expect(matchesDirectoryQuery(summary, { age: 34, limit: 1 })).toBe(false);
    const ageless = directorySummary({ userId: 'u2', role: 'performer', name: 'Cy', listed: true }) as DirectorySummary;
    expect(matchesDirectoryQuery(ageless, { age: 30, limit: 1 })).toBe(false);
  });
});

describe('the directory summary and its index entries', () => {
  const performer: DirectoryProfile = {
    userId: 'u1',
    role: 'performer',
    name: 'Ana Díaz',
    listed: true,
    voiceType: 'baritone',
    ageMin: 30,
    ageMax: 40,
    skills: ['singing'],
    city: 'London',
    country: 'GB',
    bio: 'Opera singer',
  };

  it('is there only for a listed performer, never for a director or an unlisted performer', () => {
    expect(directorySummary(performer)).toMatchObject({ performerId: 'u1', sortName: 'ana diaz' });
    expect(directorySummary({ ...performer, listed: false })).toBeUndefined();
    expect(directorySummary({ ...performer, listed: undefined })).toBeUndefined();
    expect(directorySummary({ ...performer, role: 'director' })).toBeUndefined();
  });

  it('writes only the entries a change alters, and removes every entry when the performer unlists', () => {
    const before = directorySummary(performer);
    expect(directoryIndexChanges(before, directorySummary({ ...performer }))).toEqual({ put: [], remove: [] });
    const moved = directoryIndexChanges(before, directorySummary({ ...performer, city: 'Cardiff' }));
    expect(moved.remove).toEqual(['city:GB:london']);
    expect(moved.put).toContain('city:GB:cardiff');
    const unlisted = directoryIndexChanges(before, directorySummary({ ...performer, listed: false }));
    expect(unlisted).toEqual({ put: [], remove: directoryFacets(before as DirectorySummary) });
  });

  it('refuses directory fields from a director, and a playing-age range that runs backwards', () => {
    const director = { ...performer, role: 'director', listed: undefined };
    expect(() => checkDirectoryChanges(director, { listed: true })).toThrow(ValidationError);
    expect(() => checkDirectoryChanges(director, {})).not.toThrow();
    expect(() => checkDirectoryChanges(performer, { ageMin: 41 })).toThrow(ValidationError);
    expect(() => checkDirectoryChanges(performer, { ageMin: 41, ageMax: null })).not.toThrow();
    expect(() => checkDirectoryChanges(performer, { ageMin: 20 })).not.toThrow();
  });
});

describe('directory cursors', () => {
  const key = 'k'.repeat(32);
  const query: DirectoryQuery = { city: 'London', country: 'GB', limit: 2 };

  it('round-trips a position, also with another page size', () => {
    const cursor = directoryCursor('ana diaz#u1', query, key);
    expect(readDirectoryCursor(cursor, { ...query, limit: 5 }, key)).toBe('ana diaz#u1');
  });

  it('refuses a changed cursor, one for another query, or one signed with another key', () => {
    const cursor = directoryCursor('ana diaz#u1', query, key);
    fc.assert(
      fc.property(fc.nat({ max: cursor.length - 1 }), fc.constantFrom('A', 'B', '-'), (at, c) => {
        fc.pre(cursor[at] !== c && cursor[at] !== '.');
        const changed = cursor.slice(0, at) + c + cursor.slice(at + 1);
        expect(() => readDirectoryCursor(changed, query, key)).toThrow(InvalidCursorError);
      }),
    );
    expect(() => readDirectoryCursor(cursor, { ...query, city: 'Cardiff' }, key)).toThrow(InvalidCursorError);
    expect(() => readDirectoryCursor(cursor, query, 'x'.repeat(32))).toThrow(InvalidCursorError);
  });
});
