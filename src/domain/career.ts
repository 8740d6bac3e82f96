import type { Performance } from './performance';
import { lastPerformanceInstant } from './performance';

export interface Casting {
  readonly performance: Performance;
  readonly character: string;
}

export interface PerformanceRef {
  readonly performanceId: string;
  readonly title: string;
  readonly character: string;
  /** The last performance date (ISO), or null for work with no dates. */
  readonly lastDate: string | null;
}

/**
 * A performer's current and past performances, derived from their castings: a performance is current until its
 * last date has passed, then past. Work with no dates stays current.
 *
 * @example splitCareer(castings, clock.now()) // { current: [...], past: [...] }
 */
export function splitCareer(
  castings: readonly Casting[],
  now: Date,
): { current: PerformanceRef[]; past: PerformanceRef[] } {
  const current: PerformanceRef[] = [];
  const past: PerformanceRef[] = [];
  for (const { performance, character } of castings) {
    const last = lastPerformanceInstant(performance);
    const ref = {
      performanceId: performance.performanceId,
      title: performance.title,
      character,
      lastDate: last?.toISOString() ?? null,
    };
    (last && last.getTime() < now.getTime() ? past : current).push(ref);
  }
  return { current, past };
}
