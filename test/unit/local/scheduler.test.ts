import type { ScheduledEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FunctionDefinition } from '../../../src/manifest';
import { nextFireTime, startScheduler } from '../../../local/runtime/scheduler';

describe('nextFireTime', () => {
  it.each([
    ['2026-11-24T16:00:00.000Z', '2026-11-24T16:15:00.000Z'],
    ['2026-11-24T16:00:00.001Z', '2026-11-24T16:15:00.000Z'],
    ['2026-11-24T16:14:59.999Z', '2026-11-24T16:15:00.000Z'],
    ['2026-11-24T23:59:00.000Z', '2026-11-25T00:00:00.000Z'],
  ])('after %s a 15-minute schedule fires at %s', (after, expected) => {
    expect(new Date(nextFireTime(Date.parse(after), 15)).toISOString()).toBe(expected);
  });
});

describe('a timed run of a schedule function', () => {
  const definition: FunctionDefinition = {
    name: 'every-quarter',
    entry: 'test-only',
    trigger: { kind: 'schedule', everyMinutes: 15 },
    permissions: [],
    timeoutSeconds: 60,
    memoryMb: 128,
  };
  afterEach(() => vi.useRealTimers());

  it('is retried twice when it fails, as Lambda retries an asynchronous invocation, with the same event time', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-24T16:05:00.000Z') });
    const times: string[] = [];
    const scheduler = startScheduler(
      [
        {
          definition,
          everyMinutes: 15,
          handler: async (event: ScheduledEvent) => {
            times.push(event.time);
            throw new Error('always fails');
          },
        },
      ],
      () => undefined,
    );
    try {
      await vi.advanceTimersByTimeAsync(10 * 60_000 + 3 * 60_000 + 1000);
      expect(times).toEqual(['2026-11-24T16:15:00Z', '2026-11-24T16:15:00Z', '2026-11-24T16:15:00Z']);
    } finally {
      scheduler.stop();
    }
  });
});
