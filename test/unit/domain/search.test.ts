import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPerformance } from '../../../src/domain/performance';
import { anyCharacterMatches, planSearch } from '../../../src/domain/search-plan';
import {
  ageDecades,
  keywordTokens,
  nextAuditionKey,
  noUpcomingAudition,
  runDays,
  runsWithin,
  searchFacets,
} from '../../../src/domain/search-terms';
import { performanceInput } from '../../../src/schemas/performance';
import { searchQuery } from '../../../src/schemas/search';

const performance = buildPerformance(
  performanceInput.parse({
    title: 'Les Misérables',
    description: 'The musical of the barricades.',
    kind: 'live',
    director: { name: 'Ann', email: 'ann@example.com', phone: '+442071838750' },
    castingDirector: { name: 'Cas', email: 'cas@example.com', phone: '+442071838751' },
    venue: {
      name: 'Sondheim Theatre',
      address: '51 Shaftesbury Ave',
      city: 'London',
      country: 'GB',
      timeZone: 'Europe/London',
    },
    dates: ['2027-06-01T19:30'],
    characters: [
      { name: 'Fantine', attributes: { gender: 'female', voiceType: 'soprano', ageMin: 25, ageMax: 35 } },
      { name: 'Javert', attributes: { gender: 'any', voiceType: 'baritone' } },
    ],
    slots: [
      { start: '2027-03-29T10:00', durationMinutes: 30, capacity: 3 },
      { start: '2027-03-28T10:00', durationMinutes: 30, capacity: 3 },
    ],
  }),
  {
    performanceId: 'p1',
    ownerId: 'u1',
    now: new Date('2026-11-24T12:00:00Z'),
    newId: () => Math.random().toString(36).slice(2),
  },
);

describe('keywords and facets', () => {
  it('folds case and accents and drops stop words and single letters', () => {
    expect(keywordTokens('Les Misérables: the musical, a 2nd run!')).toEqual([
      'les',
      'miserables',
      'musical',
      '2nd',
      'run',
    ]);
  });

  it('indexes names, venue, city, kind, country and character attributes', () => {
    const facets = searchFacets(performance);
    expect(facets).toEqual(
      expect.arrayContaining([
        'all',
        'kind:live',
        'country:GB',
        'city:GB:london',
        'w:miserables',
        'w:fantine',
        'w:sondheim',
        'w:barricades',
        'voice:soprano',
        'age:20',
        'age:30',
      ]),
    );
    // A part open to any gender is found whichever gender is searched.
    expect(facets).toEqual(expect.arrayContaining(['gender:male', 'gender:female', 'gender:non-binary']));
  });

  it('lists the decades an age range overlaps', () => {
    expect(ageDecades(25, 42)).toEqual([20, 30, 40]);
    expect(ageDecades()).toEqual([]);
  });
});

describe('next audition', () => {
  it('is the earliest slot still ahead, or none once all began or casting closed', () => {
    expect(nextAuditionKey(performance, new Date('2026-11-24T12:00:00Z'))).toBe('2027-03-28T09:00:00.000Z');
    expect(nextAuditionKey(performance, new Date('2027-03-28T09:00:00Z'))).toBe('2027-03-29T09:00:00.000Z');
    expect(nextAuditionKey(performance, new Date('2027-04-01T00:00:00Z'))).toBe(noUpcomingAudition);
    expect(nextAuditionKey({ ...performance, castingClosed: true }, new Date('2026-11-24T12:00:00Z'))).toBe(
      noUpcomingAudition,
    );
  });
});

describe('planSearch', () => {
  it('reads the longest keyword and filters by the rest', () => {
    const plan = planSearch(searchQuery.parse({ q: 'fantine london', kind: 'live', country: 'GB' }));
    expect(plan).toMatchObject({ facet: 'w:fantine', includeClosed: false });
    expect([...plan.alsoRequired].sort()).toEqual(['country:GB', 'kind:live', 'w:london']);
  });

  it('reads everything in next-audition order without filters, and keeps dates as venue calendar days', () => {
    expect(planSearch(searchQuery.parse({ from: '2027-06-01', to: '2027-06-30' }))).toMatchObject({
      facet: 'all',
      alsoRequired: [],
      dateRange: { from: '2027-06-01', to: '2027-06-30' },
    });
  });

  it('matches attributes on one and the same character', () => {
    const characters = performance.characters.map((c) => c.attributes);
    expect(anyCharacterMatches(characters, { gender: 'female', age: 30 })).toBe(true);
    expect(anyCharacterMatches(characters, { gender: 'male', voiceType: 'baritone' })).toBe(true);
    expect(anyCharacterMatches(characters, { gender: 'female', voiceType: 'baritone', age: 30 })).toBe(false);
    expect(anyCharacterMatches(characters, {})).toBe(true);
  });
});

describe('run days', () => {
  it('are the days in the venue’s calendar, however far from UTC the venue is', () => {
    expect(runDays({ dates: ['2027-01-01T20:00', '2026-12-30T19:30', '2026-12-31T19:30'] })).toEqual({
      firstDay: '2026-12-30',
      lastDay: '2027-01-01',
      dayRuns: ['2026-12-30/2027-01-01'],
    });
    expect(runDays({ dates: [] })).toEqual({ firstDay: undefined, lastDay: undefined, dayRuns: [] });
  });

  it('match a range exactly when one of the dates falls on a day in it', () => {
    const day = fc
      .integer({ min: 0, max: 60 })
      .map((n) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(day, fc.constantFrom('00:00', '19:30', '23:59')).map(([d, t]) => `${d}T${t}`),
          { maxLength: 8 },
        ),
        fc.option(day, { nil: undefined }),
        fc.option(day, { nil: undefined }),
        (dates, from, to) => {
          const inRange = dates.some((d) => (!from || d.slice(0, 10) >= from) && (!to || d.slice(0, 10) <= to));
          expect(runsWithin(runDays({ dates }).dayRuns, { from, to })).toBe(inRange);
        },
      ),
    );
  });

  it('reach the highest searchable age when an age range has no upper end', () => {
    expect(ageDecades(90)).toEqual([90, 100, 110, 120]);
  });
});
