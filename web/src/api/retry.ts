/** How long the client rides out a busy API before it gives up and shows the problem. */
export interface RetryLimits {
  /** Calls in all, the first included. */
  readonly maxAttempts: number;
  /** The longest single wait; a Retry-After beyond it means "come back much later": no retry. */
  readonly maxWaitMs: number;
  /** The most time spent waiting over all retries of one call. */
  readonly maxTotalWaitMs: number;
  /** The first backoff when the answer has no Retry-After; it doubles with each retry. */
  readonly baseDelayMs: number;
}

export const retryLimits: RetryLimits = {
  maxAttempts: 4,
  maxWaitMs: 10_000,
  maxTotalWaitMs: 30_000,
  baseDelayMs: 1000,
};

/** One failed answer, and what has been spent on the call so far. */
export interface RetryCase {
  readonly method: string;
  /** The API path called, e.g. `/performances/p1/signup`. */
  readonly path: string;
  readonly status: number;
  /** The problem's `code` when the answer was the API's own problem+json. */
  readonly code: string | undefined;
  /** The Retry-After header as sent (seconds or an HTTP date), or null. */
  readonly retryAfter: string | null;
  /** Calls made so far, this one included (1 after the first). */
  readonly attempts: number;
  /** Time already spent waiting between them. */
  readonly waitedMs: number;
  readonly nowMs: number;
  /** A number in [0, 1) for the jitter (Math.random in the app). */
  readonly random: number;
}

/**
 * The wait a Retry-After asks for, in ms: seconds ("2") or an HTTP date; undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * POSTs that make a new item under an id the API picks: made twice, they make two. Their handler reads what it
 * needs before writing (performance-create.ts), but should anything after the write ever fail busy, a repeat
 * would make a second item; so they are never repeated.
 */
const createsNewItem: readonly RegExp[] = [/^\/performances\/?(\?.*)?$/];

/**
 * True when the call may be made again after this answer without doing twice what it asks.
 *
 * GET, PUT and DELETE are idempotent: always; so is the one PATCH, /me (its handler: a repeat finishes the job).
 * A POST only on the API's own `service-unavailable` (503) or `too-many-requests` (429) problem, which it answers
 * when nothing was written: a 503 for throughput or contention comes from `transact`
 * (src/adapters/dynamodb/transactions.ts: the transaction was cancelled, so none of its writes happened) or from
 * the handler edge (src/functions/http/handler.ts: a throttled DynamoDB call, which wrote nothing), and every
 * write goes through them. Where a handler reads after its write, a repeat meets what the first call did
 * (sign-up: one per performer, refused as already made; casting and closing casting: the same state again),
 * so sign-up, casting and closing casting may be retried; creating a performance may not (`createsNewItem`).
 * A bare 503 or 429 from something in front of the API (no problem code) says nothing about what the
 * function did: a POST is not retried then.
 */
export function safeToRetry(method: string, path: string, status: number, code: string | undefined): boolean {
  if (status !== 503 && status !== 429) return false;
  const verb = method.toUpperCase();
  if (['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'].includes(verb)) return true;
  if (createsNewItem.some((pattern) => pattern.test(path))) return false;
  return code === 'service-unavailable' || code === 'too-many-requests';
}

/**
 * How long to wait before calling again after a 503 or 429, or undefined to give up and show the problem.
 * The wait is the answer's Retry-After when it has one; otherwise an exponential backoff (base, 2×base, …)
 * with jitter (between half and all of it), so many browsers told "busy" at once do not come back at once.
 * Gives up after `maxAttempts` calls, when the wait asked for is longer than `maxWaitMs`, or when it would
 * take the waiting past `maxTotalWaitMs`.
 *
 * @example retryDelayMs({ method: 'GET', path: '/me', status: 503, code: 'service-unavailable', retryAfter: '1', attempts: 1, waitedMs: 0, nowMs: 0, random: 0.5 }) // 1000
 */
export function retryDelayMs(c: RetryCase, limits: RetryLimits = retryLimits): number | undefined {
  if (!safeToRetry(c.method, c.path, c.status, c.code)) return undefined;
  if (c.attempts >= limits.maxAttempts) return undefined;
  const asked = retryAfterMs(c.retryAfter, c.nowMs);
  let wait: number;
  if (asked === undefined) {
    const backoff = Math.min(limits.maxWaitMs, limits.baseDelayMs * 2 ** (c.attempts - 1));
    wait = Math.round(backoff * (0.5 + c.random / 2));
  } else {
    if (asked > limits.maxWaitMs) return undefined;
    wait = asked;
  }
  return c.waitedMs + wait > limits.maxTotalWaitMs ? undefined : wait;
}
