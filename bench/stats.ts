/** The q-quantile (0–1) of samples by the nearest-rank method; NaN for none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export const median = (samples: readonly number[]) => quantile(samples, 0.5);

/** Rounds to `digits` decimals, for results people read. */
export const round = (value: number, digits = 1) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Milliseconds since `start` (a `performance.now()` reading). */
export const since = (start: number) => performance.now() - start;
