import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changedAt,
  concernsSignUps,
  followUpPerformanceChange,
  slotsClosedBy,
} from '../../../../src/domain/follow-ups';
import { reminderFor } from '../../../../src/domain/reminder-plan';
import type { StoredPerformance } from '../../../../src/domain/follow-ups';
import { signUpStatuses } from '../../../../src/domain/signup';
import type { SignUpRecord } from '../../../../src/domain/signup';
import { aroundFirstSlot, early, performance, storedSignUp, zones } from './fixtures';

const statuses = fc.constantFrom(...signUpStatuses);
/** Sign-ups of distinct performers, in either slot, in any status and zone. */
const someSignUps = fc
  .array(fc.tuple(fc.constantFrom('s1', 's2'), statuses, zones), { maxLength: 8 })
  .map((rows) =>
    rows.map(([slotId, status, timeZone], i) => storedSignUp({ performerId: `p${i}`, slotId, status, timeZone })),
  );

const changedOf = (signUps: readonly { signUp: SignUpRecord }[]) => signUps.map((c) => c.signUp.performerId).sort();
const idsOf = (records: readonly SignUpRecord[]) => records.map((r) => r.performerId).sort();

describe('concernsSignUps', () => {
  it.each<[string, StoredPerformance, boolean]>([
    ['a new title', { ...performance, title: 'Macbeth' }, false],
    ['a bigger slot', { ...performance, slots: performance.slots.map((s) => ({ ...s, capacity: 9 })) }, false],
    ['deletion', { ...performance, deletedAt: '2027-03-02T00:00:00.000Z' }, true],
    ['closing casting', { ...performance, castingClosed: true }, true],
    ['a removed slot', { ...performance, slots: performance.slots.slice(1) }, true],
    ['a moved slot', { ...performance, slots: [{ ...performance.slots[0]!, start: '2027-03-29T10:00' }] }, true],
  ])('%s: %s', (_case, after, concerns) => {
    expect(concernsSignUps(performance, after)).toBe(concerns);
  });
});

describe('followUpPerformanceChange', () => {
  it('closing casting gives "not cast" exactly to the open sign-ups whose audition had begun, cancels the rest', () => {
    fc.assert(
      fc.property(someSignUps, aroundFirstSlot, (signUps, closedAt) => {
        const after = { ...performance, castingClosed: true, updatedAt: closedAt.toISOString() };
        const { signUps: changes } = followUpPerformanceChange(performance, after, signUps, closedAt);
        const open = signUps.filter((s) => s.status === 'signed-up');
        expect(changedOf(changes)).toEqual(idsOf(open));
        for (const change of changes) {
          const begun = Date.parse(change.signUp.slot.startsAt) <= closedAt.getTime();
          expect(change.signUp.status).toBe(begun ? 'not-cast' : 'cancelled');
          expect(change.notifications.map((n) => n.kind)).toEqual([begun ? 'not-cast' : 'cancellation']);
          expect(change.from).toBe('signed-up');
        }
        expect(slotsClosedBy(performance, after)).toEqual({ slotIds: ['s1', 's2'], reason: 'casting-closed' });
      }),
      { numRuns: 40 },
    );
  });

  it('deletion cancels every sign-up holding a place, cast ones too, and none waits for a reminder any more', () => {
    fc.assert(
      fc.property(someSignUps, (signUps) => {
        const after = { ...performance, deletedAt: '2027-03-02T00:00:00.000Z' };
        const { signUps: changes } = followUpPerformanceChange(performance, after, signUps, early);
        expect(changedOf(changes)).toEqual(idsOf(signUps.filter((s) => ['signed-up', 'cast'].includes(s.status))));
        for (const change of changes) {
          const before = signUps.find((s) => s.performerId === change.signUp.performerId);
          expect(change).toMatchObject({ from: before?.status, signUp: { status: 'cancelled' } });
          expect(change.signUp.reminderAt).toBeUndefined();
          expect(change.notifications).toMatchObject([{ kind: 'cancellation', reason: 'performance-deleted' }]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a removed slot cancels its open sign-ups and is closed to new ones', () => {
    const signUps = [storedSignUp({ performerId: 'a' }), storedSignUp({ performerId: 'b', slotId: 's2' })];
    const after = { ...performance, slots: performance.slots.slice(1) };
    const followUp = followUpPerformanceChange(performance, after, signUps, early);
    expect(changedOf(followUp.signUps)).toEqual(['a']);
    expect(followUp.signUps[0]?.notifications).toMatchObject([{ kind: 'cancellation', reason: 'slot-removed' }]);
    expect(slotsClosedBy(performance, after)).toEqual({ slotIds: ['s1'], reason: 'slot-removed' });
  });

  it('a moved slot re-plans exactly the open sign-ups of that slot, each with an updated invite', () => {
    fc.assert(
      fc.property(someSignUps, fc.integer({ min: 1, max: 20 }), (signUps, days) => {
        const start = new Date(Date.UTC(2027, 2, 28 + days, 10)).toISOString().slice(0, 16);
        const after = { ...performance, slots: [{ ...performance.slots[0]!, start }, performance.slots[1]!] };
        const { signUps: changes } = followUpPerformanceChange(performance, after, signUps, early);
        expect(changedOf(changes)).toEqual(idsOf(signUps.filter((s) => s.status === 'signed-up' && s.slotId === 's1')));
        for (const change of changes) {
          const before = signUps.find((s) => s.performerId === change.signUp.performerId)!;
          expect(change.signUp.invite?.sequence).toBe((before.invite?.sequence ?? 0) + 1);
          expect(change.notifications).toMatchObject([{ kind: 'slot-moved', previousSlot: before.slot }]);
          const planned = reminderFor(
            { slotStart: start, venueTimeZone: 'Europe/London', performerTimeZone: before.performer.timeZone },
            early,
          );
          expect(change.signUp.reminderAt).toBe(planned);
        }
        // Following the same change up again (a retried stream batch) finds them moved already.
        const moved = signUps.map((s) => changes.find((c) => c.signUp.performerId === s.performerId)?.signUp ?? s);
        expect(followUpPerformanceChange(performance, after, moved, early).signUps).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('moves a sign-up only if it was open when the slot moved, whatever it has become when the follow-up reads it', () => {
    const minutes = fc.integer({ min: 1, max: 600 });
    fc.assert(
      fc.property(minutes, minutes, fc.integer({ min: 0, max: 1300 }), (castAfter, undoneAfter, movedAfter) => {
        // Signed up at `early`, cast, the casting undone: open again by the time the stream reads it.
        const at = (m: number) => new Date(early.getTime() + m * 60_000).toISOString();
        const signedUp = storedSignUp();
        const record: SignUpRecord = {
          ...signedUp,
          history: [
            ...signedUp.history,
            { status: 'cast', at: at(castAfter) },
            { status: 'signed-up', at: at(castAfter + undoneAfter) },
          ],
          updatedAt: at(castAfter + undoneAfter),
        };
        const after = {
          ...performance,
          updatedAt: at(movedAfter),
          slots: [{ ...performance.slots[0]!, start: '2027-04-01T10:00' }, performance.slots[1]!],
        };
        const { signUps: changes } = followUpPerformanceChange(performance, after, [record], changedAt(after, early));
        const castWhenMoved = movedAfter >= castAfter && movedAfter < castAfter + undoneAfter;
        expect(changes.map((c) => c.notifications[0]?.kind)).toEqual(castWhenMoved ? [] : ['slot-moved']);
      }),
      { numRuns: 100 },
    );
  });
});

describe('changedAt', () => {
  const streamedAt = new Date('2027-03-01T10:01:00Z');
  it.each<[string, StoredPerformance, string]>([
    [
      'an edit dates from the edit',
      { ...performance, updatedAt: '2027-03-01T10:00:30.123Z' },
      '2027-03-01T10:00:30.123Z',
    ],
    [
      'a deletion dates from the deletion',
      { ...performance, deletedAt: '2027-03-01T10:00:45.000Z' },
      '2027-03-01T10:00:45.000Z',
    ],
    ['an unreadable time falls back to the stream’s', { ...performance, updatedAt: 'x' }, streamedAt.toISOString()],
  ])('%s', (_case, after, expected) => {
    expect(changedAt(after, streamedAt).toISOString()).toBe(expected);
  });
});
