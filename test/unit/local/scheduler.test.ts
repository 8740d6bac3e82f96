import { describe, expect, it } from 'vitest';
import { nextFireTime } from '../../../local/runtime/scheduler';

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
