import { describe, expect, it } from 'vitest';
import { itemSize, writeUnits } from '../../../bench/item-size';
import { measured } from '../../../bench/cost/measured';
import { bindsAt, limits, monthlyCost, monthlyUsage } from '../../../bench/cost/model';
import { monthlyEventsPerUser } from '../../../bench/cost/profile';

// The fallbacks only: a path that does not exist.
const m = measured('/nonexistent/results.json');

describe('the cost model', () => {
  it('derives monthly events per user from the profile (90% performers)', () => {
    const per = monthlyEventsPerUser();
    expect(per.requests['performance-search']).toBeCloseTo(27);
    expect(per.signUps).toBeCloseTo(1.8);
    expect(per.emails).toBeCloseTo(1.8 * 5 + 0.18);
  });

  it('costs nothing but SES and API Gateway at 100 users', () => {
    const cost = monthlyCost(monthlyUsage(100, m));
    const others = Object.entries(cost).filter(([service]) => !['SES', 'API Gateway'].includes(service));
    expect(others.every(([, usd]) => usd === 0)).toBe(true);
    expect(cost.SES).toBeGreaterThan(0);
  });

  it('grows with the users, and every limit binds at one point only', () => {
    const small = monthlyUsage(1_000, m);
    const large = monthlyUsage(10_000, m);
    expect(large.lambdaRequests).toBeGreaterThan(small.lambdaRequests);
    expect(large.peakReadTotal / small.peakReadTotal).toBeGreaterThan(9);
    expect(large.peakReadTotal / small.peakReadTotal).toBeLessThanOrEqual(10);
    for (const limit of limits) {
      const at = bindsAt(limit, m);
      if (at === undefined) continue;
      expect(limit.used(monthlyUsage(at, m))).toBeGreaterThan(limit.limit);
      expect(limit.used(monthlyUsage(Math.floor(at / 1.03), m))).toBeLessThanOrEqual(limit.limit);
    }
  });
});

describe('item sizes as DynamoDB bills them', () => {
  it('counts names and values in UTF-8 bytes, and rounds write units up per KB', () => {
    expect(itemSize({ pk: 'PERF#1', sk: 'META' })).toBe(2 + 6 + 2 + 4);
    expect(itemSize({ n: 12345 })).toBe(1 + 4);
    expect(itemSize({ s: 'é' })).toBe(1 + 2);
    expect(itemSize({ l: ['ab', 'c'] })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(writeUnits(1024, false)).toBe(1);
    expect(writeUnits(1025, false)).toBe(2);
    expect(writeUnits(100, true)).toBe(2);
  });
});
