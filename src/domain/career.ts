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

/**
 * The castings of a performer's cast sign-ups, matched with their performances (a deleted performance, missing
 * from `performances`, drops out of the career).
 *
 * @example castingsOf([{ status: 'cast', performanceId: 'p1', castAs: 'c1' }], [performance]) // [{ performance, character: 'Hamlet' }]
 */
export function castingsOf(
  signUps: readonly { readonly status: string; readonly performanceId: string; readonly castAs?: string }[],
  performances: readonly Performance[],
): Casting[] {
  const byId = new Map(performances.map((p) => [p.performanceId, p]));
  return signUps.flatMap((s) => {
    const performance = s.status === 'cast' ? byId.get(s.performanceId) : undefined;
    const character = performance?.characters.find((c) => c.characterId === s.castAs)?.name ?? '';
    return performance ? [{ performance, character }] : [];
  });
}
