/** The source of the current time. Domain code takes one instead of calling `Date.now()`. */
export interface Clock {
  now(): Date;
}

/** The real clock, for handlers and adapters. */
// eslint-disable-next-line no-restricted-syntax -- the one place that reads the machine's time
export const systemClock: Clock = { now: () => new Date(Date.now()) };

/**
 * A clock that always reads the given instant, for tests and for events that carry their own time.
 * @example fixedClock(new Date('2026-03-29T01:00:00Z')).now()
 */
export function fixedClock(instant: Date): Clock {
  return { now: () => new Date(instant.getTime()) };
}
