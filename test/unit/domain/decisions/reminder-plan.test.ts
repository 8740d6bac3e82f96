import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reminderFor, replanReminders } from '../../../../src/domain/reminder-plan';
import { auditionStart } from '../../../../src/domain/reminder';
import { signUpStatuses } from '../../../../src/domain/signup';
import { aroundFirstSlot, early, storedSignUp, zones } from './fixtures';

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
