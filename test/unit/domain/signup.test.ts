import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalStatusAtClose } from '../../../src/domain/signup';

describe('finalStatusAtClose', () => {
  it('gives "not cast" only to those whose audition had begun when casting closed; the others are cancelled', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        fc.integer({ min: -90 * 24 * 60, max: 90 * 24 * 60 }),
        (closedAt, minutesFromClose) => {
          const startsAt = new Date(closedAt.getTime() + minutesFromClose * 60_000).toISOString();
          const outcome = finalStatusAtClose({ slot: { startsAt } }, closedAt);
          expect(outcome).toBe(minutesFromClose <= 0 ? 'not-cast' : 'cancelled');
        },
      ),
    );
  });

  it('treats an audition starting at the very moment of closing as begun', () => {
    const at = new Date('2027-03-28T09:00:00Z');
    expect(finalStatusAtClose({ slot: { startsAt: at.toISOString() } }, at)).toBe('not-cast');
    expect(finalStatusAtClose({ slot: { startsAt: '2027-04-11T09:00:00.000Z' } }, at)).toBe('cancelled');
  });
});
