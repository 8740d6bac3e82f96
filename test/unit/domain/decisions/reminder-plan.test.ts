import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../../../src/domain/errors';
import { followSlotMove } from '../../../../src/domain/follow-ups';
import {
  reminderFor,
  replanAttempts,
  replanReminders,
  saveReplannedReminders,
} from '../../../../src/domain/reminder-plan';
import { auditionStart } from '../../../../src/domain/reminder';
import type { SignUpChange } from '../../../../src/domain/sign-up-change';
import type { SignUpRecord } from '../../../../src/domain/signup';
import { signUpStatuses, withStatus } from '../../../../src/domain/signup';
import { aroundFirstSlot, early, performance, storedSignUp, zones } from './fixtures';

describe('replanReminders', () => {
  const firstSlotStart = auditionStart({ slotStart: '2027-03-28T10:00', venueTimeZone: 'Europe/London' });

  it('re-plans exactly the open sign-ups planned for another zone, for 19:00 in the new one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...signUpStatuses), zones), { maxLength: 6 }),
        zones,
        aroundFirstSlot,
        (rows, zone, now) => {
          const mine = rows.map(([status, timeZone], i) => storedSignUp({ performerId: `p${i}`, status, timeZone }));
          const changes = replanReminders(mine, zone, now);
          const concerned = mine.filter((s) => s.status === 'signed-up' && s.performer.timeZone !== zone);
          expect(changes.map((c) => c.signUp.performerId)).toEqual(concerned.map((s) => s.performerId));
          for (const change of changes) {
            const planned = reminderFor(
              { slotStart: '2027-03-28T10:00', venueTimeZone: 'Europe/London', performerTimeZone: zone },
              now,
            );
            expect(change.signUp).toMatchObject({ reminderAt: planned, performer: { timeZone: zone } });
            expect(change.from).toBe('signed-up');
            // Saved only while the sign-up is as read: it writes back every field it read.
            expect(change.unchangedSince).toBe(
              mine.find((s) => s.performerId === change.signUp.performerId)?.updatedAt,
            );
            expect(change.notifications).toEqual([]);
            if (planned) {
              expect(Date.parse(planned)).toBeGreaterThan(now.getTime());
              expect(Date.parse(planned)).toBeLessThan(firstSlotStart.getTime());
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('moves a Londoner who moves to Tokyo to 19:00 Tokyo time, off the London reminder', () => {
    expect(storedSignUp().reminderAt).toBe('2027-03-27T19:00:00.000Z');
    const [change] = replanReminders([storedSignUp()], 'Asia/Tokyo', early);
    expect(change?.signUp.reminderAt).toBe('2027-03-27T10:00:00.000Z');
  });
});

/**
 * Sign-ups kept as the DynamoDB store keeps them: a change is written only while the stored sign-up is in the status
 * it starts from and, when it says so, was last updated when it was read (signup-store.ts, `signUpStep`).
 * `beforeSave` runs before each write is judged: another writer getting in between.
 */
function storeOf(records: readonly SignUpRecord[], beforeSave: (stored: Map<string, SignUpRecord>) => void = () => {}) {
  const stored = new Map(records.map((r) => [r.performerId, r]));
  const saves: SignUpChange[] = [];
  const finds: string[] = [];
  return {
    stored,
    saves,
    finds,
    find: async (_performanceId: string, performerId: string) => (finds.push(performerId), stored.get(performerId)),
    saveUnlessMovedOn: async (change: SignUpChange) => {
      saves.push(change);
      beforeSave(stored);
      const now = stored.get(change.signUp.performerId);
      if (!now || now.status !== change.from) return undefined;
      if (change.unchangedSince !== undefined && now.updatedAt !== change.unchangedSince) return undefined;
      stored.set(change.signUp.performerId, change.signUp);
      return change;
    },
  };
}

const hour = 60 * 60 * 1000;

describe('saveReplannedReminders (a performer changes time zone)', () => {
  it('keeps a slot move saved after the sign-ups were listed, and plans its reminder in the new zone', async () => {
    await fc.assert(
      fc.asyncProperty(
        zones,
        fc.integer({ min: -3, max: 6 }),
        fc.integer({ min: 8, max: 20 }),
        async (zone, days, hourOfDay) => {
          const listed = storedSignUp();
          // The director moves the slot; its follow-up saves the move after the zone change listed the sign-ups.
          const start = new Date(Date.UTC(2027, 2, 28 + days, hourOfDay)).toISOString().slice(0, 16);
          const slots = performance.slots.map((s) => (s.slotId === listed.slotId ? { ...s, start } : s));
          const move = followSlotMove(listed, { ...performance, slots }, new Date(early.getTime() + hour));
          if (!move) return;
          const store = storeOf([move.signUp]);
          const now = new Date(early.getTime() + 2 * hour);

          await saveReplannedReminders(store, [listed], zone, now);

          const saved = store.stored.get(listed.performerId)!;
          if (zone === listed.performer.timeZone) {
            expect(saved).toBe(move.signUp);
            return;
          }
          expect(saved.slot).toEqual(move.signUp.slot);
          expect(saved.invite).toEqual(move.signUp.invite);
          expect(saved.performer.timeZone).toBe(zone);
          expect(saved.reminderAt).toBe(
            reminderFor({ slotStart: start, venueTimeZone: 'Europe/London', performerTimeZone: zone }, now),
          );
          expect(store.finds).toEqual([listed.performerId]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('leaves alone a sign-up withdrawn after it was listed', async () => {
    const listed = storedSignUp();
    const withdrawn = { ...listed, ...withStatus(listed, 'withdrawn', new Date(early.getTime() + hour)) };
    const store = storeOf([withdrawn]);
    await saveReplannedReminders(store, [listed], 'Asia/Tokyo', new Date(early.getTime() + 2 * hour));
    expect(store.stored.get(listed.performerId)).toBe(withdrawn);
    expect(store.saves).toHaveLength(1);
  });

  it('gives up on a sign-up that changes before every try, after saving the others, with 503', async () => {
    const busy = storedSignUp({ performerId: 'busy' });
    const calm = storedSignUp({ performerId: 'calm' });
    let bumps = 0;
    const store = storeOf([busy, calm], (stored) => {
      const now = stored.get('busy')!;
      stored.set('busy', { ...now, updatedAt: new Date(Date.parse(now.updatedAt) + ++bumps).toISOString() });
    });
    const attempt = saveReplannedReminders(store, [busy, calm], 'Asia/Tokyo', new Date(early.getTime() + hour));
    await expect(attempt).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(store.saves.filter((c) => c.signUp.performerId === 'busy')).toHaveLength(replanAttempts);
    expect(store.stored.get('busy')?.performer.timeZone).toBe('Europe/London');
    expect(store.stored.get('calm')?.performer.timeZone).toBe('Asia/Tokyo');
  });
});
