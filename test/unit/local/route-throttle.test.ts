import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RouteThrottles } from '../../../local/runtime/route-throttle';

const throttle = { rateLimit: 5, burstLimit: 10 };

describe('the local route throttles', () => {
  it('admits a burst of burstLimit at once, then refuses until the bucket refills at rateLimit a second', () => {
    const throttles = new RouteThrottles();
    const admitted = Array.from({ length: 15 }, () => throttles.admit('POST /auth/signup', throttle, 0));
    expect(admitted.filter(Boolean)).toHaveLength(10);
    expect(throttles.admit('POST /auth/signup', throttle, 199)).toBe(false);
    expect(throttles.admit('POST /auth/signup', throttle, 200)).toBe(true);
    // Another route has a bucket of its own.
    expect(throttles.admit('POST /auth/confirm', throttle, 200)).toBe(true);
  });

  it('never admits more than burstLimit + rateLimit × elapsed seconds, whatever the arrival times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 200 }), (times) => {
        const throttles = new RouteThrottles();
        const sorted = [...times].sort((a, b) => a - b);
        const admitted = sorted.filter((t) => throttles.admit('POST /auth/login', throttle, t)).length;
        const elapsed = sorted.length ? (sorted[sorted.length - 1]! - sorted[0]!) / 1000 : 0;
        expect(admitted).toBeLessThanOrEqual(throttle.burstLimit + throttle.rateLimit * elapsed);
      }),
    );
  });

  it('admits everything while not enforced', () => {
    const throttles = new RouteThrottles(false);
    expect(Array.from({ length: 100 }, () => throttles.admit('POST /auth/signup', throttle, 0)).every(Boolean)).toBe(
      true,
    );
  });
});
