import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Performance } from '../../../src/domain/performance';
import { refiledSummary, searchIndexChanges } from '../../../src/domain/search-index-changes';
import type { SearchSummary } from '../../../src/domain/search-summary';
import { searchSummary } from '../../../src/domain/search-summary';
import { performance as hamlet } from './decisions/fixtures';

const now = new Date('2027-03-01T12:00:00Z');

/** The index of a summary as a model: each facet's entry is the facet with the whole summary, as plain data. */
function indexOf(summary: SearchSummary | undefined): Map<string, unknown> {
  const plain = JSON.parse(JSON.stringify(summary ?? null)) as SearchSummary | null;
  return new Map((plain?.facets ?? []).map((facet) => [facet, { facet, ...plain }]));
}

const word = fc.constantFrom('hamlet', 'globe', 'king', 'queen', 'night', 'summer', 'dream', 'the');
const words = fc.array(word, { maxLength: 4 }).map((w) => w.join(' '));
const slot = fc.record({
  slotId: fc.constantFrom('s1', 's2', 's3'),
  start: fc.constantFrom('2027-02-20T10:00', '2027-03-28T10:00', '2027-04-04T14:00', '2027-10-31T09:30'),
  durationMinutes: fc.constantFrom(30, 60),
  capacity: fc.integer({ min: 1, max: 5 }),
  location: fc.constant({ name: 'Globe', address: 'a' }),
});
const character = fc.record({
  characterId: fc.constantFrom('c1', 'c2', 'c3'),
  name: word,
  description: words,
  attributes: fc.record(
    {
      gender: fc.constantFrom('female', 'male', 'any'),
      voiceType: fc.constantFrom('tenor', 'alto'),
      ageMin: fc.constantFrom(20, 35),
      ageMax: fc.constantFrom(40, 60),
    },
    { requiredKeys: [] },
  ),
  places: fc.integer({ min: 1, max: 3 }),
});
/** A performance with the fields search reads drawn from small pools, so two of them often share facets. */
const performanceArb: fc.Arbitrary<Performance> = fc
  .record({
    title: words,
    description: words,
    kind: fc.constantFrom('live' as const, 'filmed' as const),
    city: fc.constantFrom('London', 'Paris'),
    dates: fc.array(fc.constantFrom('2027-06-01T19:30', '2027-06-02T19:30', '2027-07-01T19:30'), { maxLength: 3 }),
    characters: fc.array(character, { maxLength: 3 }),
    slots: fc.array(slot, { maxLength: 3 }),
    castingClosed: fc.boolean(),
  })
  .map(({ city, ...fields }) => ({ ...hamlet, ...fields, venue: { ...hamlet.venue, city } }));

/** An edit of what no search shows: contacts, addresses, capacities, character descriptions and places. */
const unsearchedEdit = fc.record({
  phone: fc.constantFrom('+442071838752', '+442071838753'),
  address: fc.constantFrom('1 Other Street', '2 Far Road'),
  capacity: fc.integer({ min: 1, max: 9 }),
  description: words,
  places: fc.integer({ min: 1, max: 4 }),
});

describe('searchIndexChanges', () => {
  it('writes exactly the facets whose entry differs, and the result is the index of the new summary', () => {
    const side = fc.option(performanceArb, { nil: undefined });
    // Two unrelated performances, or one before and after a small edit (which may or may not change its entries).
    const pairs = fc.oneof(
      fc.tuple(side, side),
      fc
        .tuple(performanceArb, fc.nat(3))
        .map(([p, cut]): [Performance, Performance] => [
          p,
          { ...p, slots: p.slots.slice(cut), version: p.version + 1 },
        ]),
    );
    fc.assert(
      fc.property(pairs, ([was, is]) => {
        const before = was && searchSummary(was, now);
        const after = is && searchSummary(is, now);
        const changes = searchIndexChanges(before, after);
        const [old, wanted] = [indexOf(before), indexOf(after)];
        const differing = [...new Set([...old.keys(), ...wanted.keys()])].filter(
          (facet) => !isDeepStrictEqual(old.get(facet), wanted.get(facet)),
        );
        expect([...changes.put, ...changes.remove].sort()).toEqual(differing.sort());
        // Applying the changes to the old index gives the new one.
        const applied = new Map(old);
        for (const facet of changes.remove) applied.delete(facet);
        for (const [facet, entry] of indexOf(changes.summary))
          if (changes.put.includes(facet)) applied.set(facet, entry);
        expect(applied).toEqual(wanted);
      }),
    );
  });

  it('writes nothing for an edit that changes nothing a search shows', () => {
    fc.assert(
      fc.property(performanceArb, unsearchedEdit, (performance, edit) => {
        const edited: Performance = {
          ...performance,
          version: performance.version + 1,
          description: performance.description, // keyword source: kept
          director: { ...performance.director, phone: edit.phone },
          castingDirector: { ...performance.castingDirector, phone: edit.phone },
          venue: { ...performance.venue, address: edit.address },
          slots: performance.slots.map((s) => ({ ...s, capacity: edit.capacity })),
          characters: performance.characters.map((c) => ({ ...c, description: edit.description, places: edit.places })),
          updatedAt: '2027-03-01T12:00:00.000Z',
        };
        expect(searchIndexChanges(searchSummary(performance, now), searchSummary(edited, now))).toEqual({
          put: [],
          remove: [],
        });
      }),
    );
  });

  it('re-files every entry when casting closes while an audition is ahead, and none when none was', () => {
    const closed = { ...hamlet, castingClosed: true };
    const changes = searchIndexChanges(searchSummary(hamlet, now), searchSummary(closed, now));
    expect(changes.put).toEqual(searchSummary(hamlet, now).facets);
    expect(changes.summary?.nextAudition).toBe(searchSummary(closed, now).nextAudition);
    const noSlots = { ...hamlet, slots: [] };
    expect(
      searchIndexChanges(searchSummary(noSlots, now), searchSummary({ ...noSlots, castingClosed: true }, now)),
    ).toEqual({ put: [], remove: [] });
  });

  it('removes every entry of a performance that leaves search, and puts every entry of a new one', () => {
    const summary = searchSummary(hamlet, now);
    expect(searchIndexChanges(summary, undefined)).toEqual({ put: [], remove: summary.facets });
    expect(searchIndexChanges(undefined, summary)).toEqual({ summary, put: summary.facets, remove: [] });
  });
});

describe('refiledSummary', () => {
  it('is the summary the performance has at the later instant (a re-file needs no performance read)', () => {
    const instant = fc.date({
      min: new Date('2027-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(performanceArb, instant, instant, (performance, filedAt, later) => {
        const filed = searchSummary(performance, filedAt);
        const { openAuditionStarts = [] } = filed;
        expect(refiledSummary({ ...filed, openAuditionStarts }, later)).toEqual(searchSummary(performance, later));
      }),
    );
  });
});
