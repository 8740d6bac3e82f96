import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Retrying } from '../../../web/src/api/client';
import { ApiError, createApiClient } from '../../../web/src/api/client';
import type { RetryCase } from '../../../web/src/api/retry';
import { retryAfterMs, retryDelayMs, retryLimits, safeToRetry } from '../../../web/src/api/retry';

const methods = ['GET', 'PUT', 'DELETE', 'POST', 'PATCH'] as const;
const idempotent = new Set(['GET', 'PUT', 'PATCH', 'DELETE']);

const busy = (over: Partial<RetryCase> = {}): RetryCase => ({
  method: 'GET',
  path: '/performances/p1/signup',
  status: 503,
  code: 'service-unavailable',
  retryAfter: '1',
  attempts: 1,
  waitedMs: 0,
  nowMs: 0,
  random: 0.5,
  ...over,
});

const retryCase = fc.record({
  method: fc.constantFrom(...methods),
  path: fc.constantFrom('/me', '/performances', '/performances/p1/signup', '/performances/p1/castings'),
  status: fc.constantFrom(503, 429, 500, 502, 504, 409, 400),
  code: fc.constantFrom(undefined, 'service-unavailable', 'too-many-requests', 'internal', 'http-error'),
  retryAfter: fc.option(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 4000 })).map(String), {
    nil: null,
  }),
  attempts: fc.integer({ min: 1, max: 8 }),
  waitedMs: fc.integer({ min: 0, max: 40_000 }),
  nowMs: fc.constant(0),
  random: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
});

describe('the retry policy for a busy API', () => {
  it('waits as long as Retry-After asks, in seconds or as a date', () => {
    expect(retryDelayMs(busy({ retryAfter: '1' }))).toBe(1000);
    expect(retryDelayMs(busy({ retryAfter: '7' }))).toBe(7000);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterMs('Tue, 01 Dec 2026 10:00:03 GMT', now)).toBe(3000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('does not wait for a Retry-After longer than a wait may be: the problem is shown at once', () => {
    expect(retryDelayMs(busy({ retryAfter: '3600' }))).toBeUndefined();
    expect(retryDelayMs(busy({ retryAfter: '300' }))).toBeUndefined();
    expect(retryDelayMs(busy({ retryAfter: '15' }))).toBeUndefined();
  });

  it('retries only 503 and 429, and a POST only on the API’s own problem (nothing was written)', () => {
    fc.assert(
      fc.property(retryCase, (c) => {
        const wait = retryDelayMs(c);
        if (wait === undefined) return;
        expect([503, 429]).toContain(c.status);
        if (!idempotent.has(c.method)) expect(['service-unavailable', 'too-many-requests']).toContain(c.code);
      }),
    );
    for (const method of ['GET', 'PUT', 'DELETE']) expect(safeToRetry(method, '/me', 503, undefined)).toBe(true);
    const signUp = '/performances/p1/signup';
    expect(safeToRetry('POST', signUp, 503, undefined)).toBe(false);
    expect(safeToRetry('POST', signUp, 503, 'service-unavailable')).toBe(true);
    expect(safeToRetry('POST', '/performances/p1/close-casting', 503, 'service-unavailable')).toBe(true);
    expect(safeToRetry('PATCH', '/me', 429, 'too-many-requests')).toBe(true);
    expect(safeToRetry('POST', signUp, 500, 'internal')).toBe(false);
  });

  it('never makes a new performance twice: its 503 may come after the write', () => {
    fc.assert(
      fc.property(retryCase, (c) => {
        expect(retryDelayMs({ ...c, method: 'POST', path: '/performances' })).toBeUndefined();
      }),
    );
  });

  it('keeps every wait and the waiting in all within bounds', () => {
    fc.assert(
      fc.property(retryCase, (c) => {
        const wait = retryDelayMs(c);
        if (wait === undefined) return;
        expect(c.attempts).toBeLessThan(retryLimits.maxAttempts);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(retryLimits.maxWaitMs);
        expect(c.waitedMs + wait).toBeLessThanOrEqual(retryLimits.maxTotalWaitMs);
      }),
    );
  });

  it('backs off with jitter when there is no Retry-After: between half and all of a doubling delay', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: retryLimits.maxAttempts - 1 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempts, random) => {
          const backoff = Math.min(retryLimits.maxWaitMs, retryLimits.baseDelayMs * 2 ** (attempts - 1));
          const wait = retryDelayMs(busy({ retryAfter: null, attempts, random }));
          expect(wait).toBeGreaterThanOrEqual(backoff / 2);
          expect(wait).toBeLessThanOrEqual(backoff);
        },
      ),
    );
  });

  it('gives up after a bounded number of calls however the API answers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...methods),
        fc.array(fc.option(fc.integer({ min: 0, max: 12 }).map(String), { nil: null }), {
          minLength: 20,
          maxLength: 20,
        }),
        (method, answers) => {
          let [attempts, waitedMs] = [1, 0];
          for (const retryAfter of answers) {
            const wait = retryDelayMs(busy({ method, retryAfter, attempts, waitedMs, random: 0.3 }));
            if (wait === undefined) break;
            [attempts, waitedMs] = [attempts + 1, waitedMs + wait];
          }
          expect(attempts).toBeLessThanOrEqual(retryLimits.maxAttempts);
          expect(waitedMs).toBeLessThanOrEqual(retryLimits.maxTotalWaitMs);
        },
      ),
    );
  });
});

const problem = (status: number, code: string, detail: string) =>
  new Response(JSON.stringify({ type: `/problems/${code}`, title: 'Busy; try again shortly', status, code, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
  });

describe('the API client with a busy API', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** A client whose fetch answers `answers` in turn; returns it, the calls it made and what it told the page. */
  function clientAnswering(answers: (() => Response)[]) {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url}`);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next();
    });
    const api = createApiClient('https://api.test', () => 'token', vi.fn());
    const told: (Retrying | undefined)[] = [];
    api.onRetrying((retrying) => told.push(retrying));
    return { api, calls, told };
  }

  it('retries a sign-up the API answered 503 to, says it is retrying meanwhile, then answers', async () => {
    vi.useFakeTimers();
    const busyAnswer = () => problem(503, 'service-unavailable', 'We are busy; try again in a few seconds.');
    const { api, calls, told } = clientAnswering([busyAnswer, busyAnswer, () => Response.json({ ok: true })]);
    const answer = api.send('POST', '/performances/p/signup', { slotId: 's' });
    await vi.runAllTimersAsync();
    expect(await answer).toEqual({ ok: true });
    expect(calls).toEqual(Array(3).fill('POST https://api.test/performances/p/signup'));
    expect(told).toEqual([{ seconds: 1 }, { seconds: 1 }, undefined]);
  });

  it('fails with the problem’s own message when the API stays busy', async () => {
    vi.useFakeTimers();
    const answers = Array.from({ length: 10 }, () => () => problem(503, 'service-unavailable', 'Still busy.'));
    const { api, calls, told } = clientAnswering(answers);
    const answer = api.get('/search').catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    const error = await answer;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).detail).toBe('Still busy.');
    expect(calls).toHaveLength(retryLimits.maxAttempts);
    expect(told.at(-1)).toBeUndefined();
  });

  it('does not send a POST again after a 503 that is not the API’s own (it may have been done)', async () => {
    const { api, calls, told } = clientAnswering([() => new Response('Service Unavailable', { status: 503 })]);
    await expect(api.send('POST', '/performances', {})).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
    expect(told).toEqual([]);
  });

  it('does not post a new performance again after a 503: it may have been made', async () => {
    const { api, calls } = clientAnswering([() => problem(503, 'service-unavailable', 'We are busy.')]);
    await expect(api.send('POST', '/performances', {})).rejects.toMatchObject({ status: 503, detail: 'We are busy.' });
    expect(calls).toHaveLength(1);
  });
});
