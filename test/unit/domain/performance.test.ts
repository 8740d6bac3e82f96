import { describe, expect, it } from 'vitest';
import type { Performance } from '../../../src/domain/performance';
import {
  assertEditKeepsCommitments,
  buildPerformance,
  lastPerformanceInstant,
  localToInstant,
  slotChanges,
} from '../../../src/domain/performance';
import { InUseError, InvalidReferenceError } from '../../../src/domain/errors';
import { performanceInput } from '../../../src/schemas/performance';

const input = performanceInput.parse({
  title: 'Hamlet',
  kind: 'live',
  director: { name: 'Ann', email: 'ann@example.com', phone: '+442071838750' },
  castingDirector: { name: 'Cas', email: 'cas@example.com', phone: '+442071838751' },
  venue: { name: 'Globe', address: '21 New Globe Walk', city: 'London', country: 'GB', timeZone: 'Europe/London' },
  dates: ['2027-06-02T19:30', '2027-06-01T19:30'],
  characters: [{ name: 'Hamlet' }, { name: 'Ophelia', places: 2 }],
  slots: [{ start: '2027-03-28T10:00', durationMinutes: 30, capacity: 3 }],
});

let next = 0;
const context = {
  performanceId: 'p1',
  ownerId: 'u1',
  now: new Date('2026-11-24T12:00:00Z'),
  newId: () => `id${++next}`,
};

describe('buildPerformance', () => {
  it('assigns ids, sorts dates, defaults the slot location to the venue and starts at version 1', () => {
    const built = buildPerformance(input, context);
    expect(built.version).toBe(1);
    expect(built.dates).toEqual(['2027-06-01T19:30', '2027-06-02T19:30']);
    expect(built.characters.map((c) => [c.name, c.places])).toEqual([
      ['Hamlet', 1],
      ['Ophelia', 2],
    ]);
    expect(built.slots[0]?.location).toEqual({ name: 'Globe', address: '21 New Globe Walk' });
    expect(new Set([...built.characters.map((c) => c.characterId), ...built.slots.map((s) => s.slotId)]).size).toBe(3);
  });

  it('keeps the ids an edit names, bumps the version and refuses ids the performance never had', () => {
    const first = buildPerformance(input, context);
    const edited = buildPerformance(
      { ...input, characters: [{ ...input.characters[0]!, characterId: first.characters[0]?.characterId }] },
      { ...context, previous: first },
    );
    expect(edited.version).toBe(2);
    expect(edited.characters[0]?.characterId).toBe(first.characters[0]?.characterId);
    expect(edited.createdAt).toBe(first.createdAt);
    expect(() =>
      buildPerformance(
        { ...input, slots: [{ ...input.slots[0]!, slotId: 'forged' }] },
        { ...context, previous: first },
      ),
    ).toThrow(InvalidReferenceError);
  });
});

describe('times at the venue', () => {
  it('turns local times into instants across daylight saving', () => {
    expect(localToInstant('2027-03-28T10:00', 'Europe/London').toISOString()).toBe('2027-03-28T09:00:00.000Z');
    expect(localToInstant('2027-03-27T10:00', 'Europe/London').toISOString()).toBe('2027-03-27T10:00:00.000Z');
  });

  it('finds the last performance date, or none for work without dates', () => {
    const built = buildPerformance(input, context);
    expect(lastPerformanceInstant(built)?.toISOString()).toBe('2027-06-02T18:30:00.000Z');
    expect(lastPerformanceInstant({ ...built, dates: [] })).toBeUndefined();
  });
});

describe('slotChanges', () => {
  it('reports removed slots and slots whose time or place changed', () => {
    const before = buildPerformance(
      { ...input, slots: [...input.slots, { start: '2027-03-29T10:00', durationMinutes: 30, capacity: 3 }] },
      context,
    );
    const [first, second] = before.slots as [Performance['slots'][number], Performance['slots'][number]];
    const after: Performance = { ...before, slots: [{ ...first, start: '2027-03-28T11:00' }] };
    const changes = slotChanges(before, after);
    expect(changes.removed.map((s) => s.slotId)).toEqual([second.slotId]);
    expect(changes.moved.map((m) => m.after.start)).toEqual(['2027-03-28T11:00']);
    expect(slotChanges(before, { ...before, slots: [{ ...first, capacity: 9 }, second] })).toEqual({
      removed: [],
      moved: [],
    });
  });
});

describe('assertEditKeepsCommitments', () => {
  const built = buildPerformance(input, context);
  const [hamlet, ophelia] = built.characters;
  const slot = built.slots[0]!;
  const usage = (over: Partial<Parameters<typeof assertEditKeepsCommitments>[1]> = {}) => ({
    slotTaken: new Map([[slot.slotId, 2]]),
    characterCast: new Map([[ophelia!.characterId, 2]]),
    charactersInUse: new Set([hamlet!.characterId]),
    ...over,
  });

  it('accepts an edit that keeps every commitment', () => {
    expect(() => assertEditKeepsCommitments(built, usage())).not.toThrow();
  });

  it('refuses a capacity below the sign-ups, places below the cast, and removing a character in use', () => {
    expect(() => assertEditKeepsCommitments({ ...built, slots: [{ ...slot, capacity: 1 }] }, usage())).toThrow(
      InUseError,
    );
    expect(() =>
      assertEditKeepsCommitments({ ...built, characters: [hamlet!, { ...ophelia!, places: 1 }] }, usage()),
    ).toThrow(/already has 2 performers cast/);
    expect(() => assertEditKeepsCommitments({ ...built, characters: [ophelia!] }, usage())).toThrow(InUseError);
  });
});
