import { describe, expect, it } from 'vitest';
import type { Performance } from '../../../../src/domain/performance';
import { dispatchReminder } from '../../../../src/domain/reminder-dispatch';
import { performance } from './fixtures';

const due = { performanceId: 'p1', slotId: 's1', instant: '2027-03-27T19:00:00.000Z', recipients: ['a', 'b'] };
const readers = [
  { name: 'A', email: 'a@example.com', timeZone: 'Europe/London' },
  { name: 'B', email: 'b@example.com', timeZone: 'Asia/Tokyo' },
];
const onTime = new Date('2027-03-27T19:00:00Z');

describe('dispatchReminder', () => {
  it.each<[string, typeof due, Performance | undefined, Date]>([
    ['no performer is left on it', { ...due, recipients: [] }, performance, onTime],
    ['the performance is gone', due, undefined, onTime],
    ['the slot is gone', due, { ...performance, slots: performance.slots.slice(1) }, onTime],
    ['the audition has begun (runs were missed)', due, performance, new Date('2027-03-28T09:00:00Z')],
  ])('drops it when %s', (_case, reminder, state, now) => {
    expect(dispatchReminder(reminder, state, readers, now)).toEqual({ outcome: 'dropped' });
  });

  it('sends one reminder to all its performers, late ones too', () => {
    for (const now of [onTime, new Date('2027-03-28T08:59:00Z')]) {
      expect(dispatchReminder(due, performance, readers, now)).toMatchObject({
        outcome: 'sent',
        notification: {
          kind: 'reminder',
          to: readers,
          performance: { performanceId: 'p1', title: 'Hamlet' },
          slot: { slotId: 's1', startsAt: '2027-03-28T09:00:00.000Z' },
        },
      });
    }
  });
});
