import { describe, expect, it } from 'vitest';
import { splitCareer } from '../../../src/domain/career';
import { buildPerformance } from '../../../src/domain/performance';
import { performanceInput } from '../../../src/schemas/performance';

const inLosAngeles = buildPerformance(
  performanceInput.parse({
    title: 'Sunset Boulevard',
    description: 'A musical.',
    kind: 'live',
    director: { name: 'Ann', email: 'ann@example.com', phone: '+442071838750' },
    castingDirector: { name: 'Cas', email: 'cas@example.com', phone: '+442071838751' },
    venue: {
      name: 'Pantages',
      address: '6233 Hollywood Blvd',
      city: 'Los Angeles',
      country: 'US',
      timeZone: 'America/Los_Angeles',
    },
    // Evening shows: in UTC both fall on the next day.
    dates: ['2026-12-30T19:30', '2027-01-01T20:00'],
    characters: [{ name: 'Norma', attributes: {} }],
    slots: [],
  }),
  { performanceId: 'p1', ownerId: 'u1', now: new Date('2026-11-01T00:00:00Z'), newId: () => 'c1' },
);

describe('splitCareer', () => {
  it('gives the last date as the day in the venue’s calendar, west of UTC too', () => {
    const castings = [{ performance: inLosAngeles, character: 'Norma' }];
    expect(splitCareer(castings, new Date('2027-01-02T03:59:00Z')).current[0]?.lastDate).toBe('2027-01-01');
    // The show of 1 Jan 20:00 in Los Angeles ends the run at 04:00 UTC on 2 Jan.
    expect(splitCareer(castings, new Date('2027-01-02T04:01:00Z')).past[0]?.lastDate).toBe('2027-01-01');
  });
});
