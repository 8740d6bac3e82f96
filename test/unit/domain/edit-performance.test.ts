import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InUseError, VersionConflictError } from '../../../src/domain/errors';
import {
  buildPerformance,
  castingLimits,
  editPerformance,
  removesSlotsOrCharacters,
} from '../../../src/domain/performance';
import type { PerformanceState } from '../../../src/domain/ports/performances';
import { performanceInput } from '../../../src/schemas/performance';

const input = performanceInput.parse({
  title: 'Hamlet',
  kind: 'live',
  director: { name: 'Ann', email: 'ann@example.com', phone: '+442071838750' },
  castingDirector: { name: 'Cas', email: 'cas@example.com', phone: '+442071838751' },
  venue: { name: 'Globe', address: '21 New Globe Walk', city: 'London', country: 'GB', timeZone: 'Europe/London' },
  dates: ['2027-06-01T19:30'],
  characters: [{ name: 'Hamlet' }, { name: 'Ophelia' }],
  slots: [
    { start: '2027-03-28T10:00', durationMinutes: 30, capacity: 3 },
    { start: '2027-03-29T10:00', durationMinutes: 30, capacity: 3 },
  ],
});
let next = 0;
const now = new Date('2026-11-24T12:00:00Z');
const newId = () => `id${++next}`;
const before = buildPerformance(input, { performanceId: 'p1', ownerId: 'u1', now, newId });
const state: PerformanceState = { performance: before, slotTaken: new Map(), characterCast: new Map() };
const [hamlet, ophelia] = before.characters;
const [first, second] = before.slots;
/** The edit that keeps everything as it is, with the ids, from the version read. */
const unchanged = {
  ...input,
  version: 1,
  characters: before.characters.map((c) => ({ ...c })),
  slots: before.slots.map((s) => ({ ...s })),
};
const signUp = (status: string, slotId = first!.slotId, characterIds = [ophelia!.characterId], castAs?: string) => ({
  status,
  slotId,
  characterIds,
  castAs,
});

describe('editPerformance', () => {
  it('makes the next version', () => {
    expect(editPerformance(state, unchanged, [], { now, newId }).version).toBe(2);
  });

  it('refuses an edit of a version that is no longer the stored one', () => {
    expect(() => editPerformance(state, { ...unchanged, version: 0 }, [], { now, newId })).toThrow(
      VersionConflictError,
    );
  });

  it('refuses to remove a slot in which someone was cast', () => {
    const edit = { ...unchanged, slots: unchanged.slots.filter((s) => s.slotId !== first!.slotId) };
    const cast = signUp('cast', first!.slotId, [hamlet!.characterId], hamlet!.characterId);
    expect(() => editPerformance(state, edit, [cast], { now, newId })).toThrow(InUseError);
  });

  it('refuses to remove a character an open sign-up is for, unless that sign-up’s slot goes too', () => {
    const withoutOphelia = { ...unchanged, characters: unchanged.characters.filter((c) => c.name !== 'Ophelia') };
    expect(() => editPerformance(state, withoutOphelia, [signUp('signed-up')], { now, newId })).toThrow(InUseError);
    const alsoWithoutSlot = { ...withoutOphelia, slots: unchanged.slots.filter((s) => s.slotId !== first!.slotId) };
    expect(editPerformance(state, alsoWithoutSlot, [signUp('signed-up')], { now, newId }).slots).toHaveLength(1);
    // A withdrawn sign-up holds nothing.
    expect(editPerformance(state, withoutOphelia, [signUp('withdrawn', second!.slotId)], { now, newId }).version).toBe(
      2,
    );
  });

  it('refuses to remove a slot or a character the counts show cast, though the sign-ups read show none yet', () => {
    const withoutFirst = { ...unchanged, slots: unchanged.slots.filter((s) => s.slotId !== first!.slotId) };
    const castInFirst = { ...state, slotCast: new Map([[first!.slotId, 1]]) };
    expect(() => editPerformance(castInFirst, withoutFirst, [], { now, newId })).toThrow(
      'A slot in which performers were cast cannot be removed.',
    );
    const withoutHamlet = { ...unchanged, characters: unchanged.characters.filter((c) => c.name !== 'Hamlet') };
    const hamletCast = { ...state, characterCast: new Map([[hamlet!.characterId, 1]]) };
    expect(() => editPerformance(hamletCast, withoutHamlet, [], { now, newId })).toThrow(
      'A character that performers signed up for or were cast as cannot be removed.',
    );
    // Counts of zero (a casting undone, or -1 for one undone from before slots were counted) hold nothing.
    const undone = {
      ...state,
      slotCast: new Map([[first!.slotId, -1]]),
      characterCast: new Map([[hamlet!.characterId, 0]]),
    };
    expect(
      editPerformance(undone, { ...withoutFirst, characters: withoutHamlet.characters }, [], { now, newId }).version,
    ).toBe(2);
  });
});

describe('castingLimits', () => {
  it('names exactly the slots an edit removes and the characters it removes or gives fewer places', () => {
    const many = buildPerformance(
      {
        ...input,
        characters: ['A', 'B', 'C', 'D', 'E'].map((name) => ({ name, description: '', attributes: {}, places: 3 })),
        slots: [1, 2, 3, 4, 5].map((d) => ({ start: `2027-04-0${d}T10:00`, durationMinutes: 30, capacity: 3 })),
      },
      { performanceId: 'p2', ownerId: 'u1', now, newId },
    );
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        (places, keepSlot) => {
          const edit = {
            ...input,
            characters: many.characters.flatMap((c, i) =>
              places[i] === undefined ? [] : [{ ...c, places: places[i] }],
            ),
            slots: many.slots.filter((_, i) => keepSlot[i]),
          };
          if (edit.characters.length === 0) return;
          const after = buildPerformance(edit, {
            performanceId: 'p2',
            ownerId: 'u1',
            now,
            newId,
            previous: many,
          });
          const limits = castingLimits(many, after);
          expect(limits.removedSlots.map((s) => s.slotId)).toEqual(
            many.slots.filter((_, i) => !keepSlot[i]).map((s) => s.slotId),
          );
          expect(limits.characters).toEqual(
            many.characters.flatMap((c, i) => {
              const p = places[i];
              if (p === undefined) return [{ characterId: c.characterId, name: c.name, places: 0, removed: true }];
              return p < 3 ? [{ characterId: c.characterId, name: c.name, places: p, removed: false }] : [];
            }),
          );
          expect(removesSlotsOrCharacters(many, edit)).toBe(keepSlot.includes(false) || places.includes(undefined));
        },
      ),
      { numRuns: 100 },
    );
  });
});
