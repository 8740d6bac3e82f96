import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reminderFor, reminderMove, replanReminders } from '../../../../src/domain/reminder-plan';
import { auditionStart } from '../../../../src/domain/reminder';
import { signUpStatuses } from '../../../../src/domain/signup';
import { aroundFirstSlot, early, storedSignUp, zones } from './fixtures';

const at = (slotId: string, reminderAt?: string) => ({ performanceId: 'p1', slotId, reminderAt });
const ref = (slotId: string, instant: string) => ({ performanceId: 'p1', slotId, instant });
const t1 = '2027-03-27T19:00:00.000Z';
const t2 = '2027-03-27T18:00:00.000Z';

describe('reminderMove', () => {
  it.each([
    ['nothing planned before or after', at('s1'), at('s1'), {}],
    ['the same reminder', at('s1', t1), at('s1', t1), {}],
    ['a new sign-up', undefined, at('s1', t1), { join: ref('s1', t1) }],
    ['a withdrawal', at('s1', t1), at('s1'), { leave: ref('s1', t1) }],
    ['another instant', at('s1', t1), at('s1', t2), { leave: ref('s1', t1), join: ref('s1', t2) }],
    ['another slot at the same instant', at('s1', t1), at('s2', t1), { leave: ref('s1', t1), join: ref('s2', t1) }],
  ])('%s', (_case, before, after, move) => {
    expect(reminderMove(before, after)).toEqual(move);
  });
});

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
            expect(change.notifications).toEqual([]);
            if (planned) {
              expect(Date.parse(planned)).toBeGreaterThan(now.getTime());
              expect(Date.parse(planned)).toBeLessThan(firstSlotStart.getTime());
              expect(change.withoutReminder?.signUp.reminderAt).toBeUndefined();
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('moves a Londoner who moves to Tokyo to 19:00 Tokyo time, off the London reminder', () => {
    const [change] = replanReminders([storedSignUp()], 'Asia/Tokyo', early);
    expect(change?.reminder).toEqual({ leave: ref('s1', t1), join: ref('s1', '2027-03-27T10:00:00.000Z') });
  });
});
