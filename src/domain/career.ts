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
  /** The day of the last performance (YYYY-MM-DD) in the venue's calendar, or null for work with no dates. */
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
      lastDate:
        performance.dates
          .map((d) => d.slice(0, 10))
          .sort()
          .at(-1) ?? null,
    };
    (last && last.getTime() < now.getTime() ? past : current).push(ref);
  }
  return { current, past };
}
