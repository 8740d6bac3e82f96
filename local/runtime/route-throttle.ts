import type { RouteThrottle } from '../../src/manifest';

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * The manifest's route throttles as API Gateway applies them: a token bucket per route, shared by every caller,
 * holding up to `burstLimit` requests and refilled at `rateLimit` a second. A request that finds it empty is
 * answered 429 by the gateway, before the authorizer or the function runs.
 */
export class RouteThrottles {
  private readonly buckets = new Map<string, Bucket>();

  /** @param enforced false: every request is admitted (the shared test stack's many sign-ups). */
  constructor(public enforced = true) {}

  /**
   * True when a request to the route (by its key, e.g. `POST /auth/signup`) may go through now, and counts it.
   * @example throttles.admit('POST /auth/signup', { rateLimit: 5, burstLimit: 10 }, Date.now()) // true
   */
  admit(routeKey: string, throttle: RouteThrottle, nowMs: number): boolean {
    if (!this.enforced) return true;
    const bucket = this.buckets.get(routeKey) ?? { tokens: throttle.burstLimit, updatedMs: nowMs };
    const refilled = ((nowMs - bucket.updatedMs) / 1000) * throttle.rateLimit;
    bucket.tokens = Math.min(throttle.burstLimit, bucket.tokens + Math.max(0, refilled));
    bucket.updatedMs = Math.max(bucket.updatedMs, nowMs);
    this.buckets.set(routeKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Turns the throttles on or off; either way the buckets start full again. */
  setEnforced(enforced: boolean): void {
    this.enforced = enforced;
    this.buckets.clear();
  }
}
