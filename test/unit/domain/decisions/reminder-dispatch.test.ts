import { describe, expect, it } from 'vitest';
import type { Performance } from '../../../../src/domain/performance';
import type { DueReminder, ReminderStore } from '../../../../src/domain/ports/reminders';
import type { ReminderDispatch } from '../../../../src/domain/reminder-dispatch';
import { dispatchDueReminders, dispatchReminder } from '../../../../src/domain/reminder-dispatch';
import { performance } from './fixtures';

const readers = [
  { name: 'A', email: 'a@example.com', timeZone: 'Europe/London' },
  { name: 'B', email: 'b@example.com', timeZone: 'Asia/Tokyo' },
];
const due = {
  performanceId: 'p1',
  slotId: 's1',
  instant: '2027-03-27T19:00:00.000Z',
  recipients: readers.map((r, i) => ({ ...r, performerId: `p${i}` })),
};
const onTime = new Date('2027-03-27T19:00:00Z');

describe('dispatchReminder', () => {
  it.each<[string, typeof due, Performance | undefined, Date]>([
    ['no performer is left on it', { ...due, recipients: [] }, performance, onTime],
    ['the performance is gone', due, undefined, onTime],
    ['the slot is gone', due, { ...performance, slots: performance.slots.slice(1) }, onTime],
    ['the audition has begun (runs were missed)', due, performance, new Date('2027-03-28T09:00:00Z')],
  ])('drops it when %s', (_case, reminder, state, now) => {
    expect(dispatchReminder(reminder, state, now)).toEqual({ outcome: 'dropped' });
  });

  it('sends one reminder to all its performers, late ones too', () => {
    for (const now of [onTime, new Date('2027-03-28T08:59:00Z')]) {
      expect(dispatchReminder(due, performance, now)).toMatchObject({
        outcome: 'sent',
        notification: {
          kind: 'reminder',
          instant: due.instant,
          to: readers,
          performance: { performanceId: 'p1', title: 'Hamlet' },
          slot: { slotId: 's1', startsAt: '2027-03-28T09:00:00.000Z' },
        },
      });
    }
  });
});

describe('dispatchDueReminders', () => {
  /** A store holding reminders due now; closing one takes its performers out, as the table's index does. */
  const storeOf = (waiting: DueReminder[]) => {
    const closed: [DueReminder, ReminderDispatch][] = [];
    const reminders: ReminderStore = {
      due: async () => waiting.filter((r) => !closed.some(([c]) => c === r)),
      close: async (reminder, dispatch) => {
        closed.push([waiting.find((r) => r.slotId === reminder.slotId) as DueReminder, dispatch]);
      },
    };
    return { closed, stores: { reminders, performances: { readMany: async () => [performance] } } };
  };
  // The second one's slot is gone from the performance: dropped.
  const two = [due, { ...due, slotId: 'gone', instant: '2027-03-27T20:00:00.000Z' }];

  it('sends every due reminder once and reports them', async () => {
    const { closed, stores } = storeOf(two);
    const report = await dispatchDueReminders(stores, onTime, () => true);
    expect(report).toEqual({ sent: 1, dropped: 1, recipients: 2, unfinished: false });
    expect(closed.map(([r, d]) => [r.slotId, d.outcome])).toEqual([
      ['s1', 'sent'],
      ['gone', 'dropped'],
    ]);
  });

  it('stops between reminders when time is nearly up, leaving the rest waiting', async () => {
    const { closed, stores } = storeOf(two);
    let budget = 1;
    const report = await dispatchDueReminders(stores, onTime, () => budget-- > 0);
    expect(report).toMatchObject({ sent: 1, unfinished: true });
    expect(closed).toHaveLength(1);
    expect(await stores.reminders.due(onTime)).toHaveLength(1);
  });

  it('stops when the database sheds load, reporting what it did and leaving the rest waiting', async () => {
    const { closed, stores } = storeOf(two);
    const busy = new Error('throttled');
    let calls = 0;
    const throttledOnce = {
      ...stores.reminders,
      close: async (...args: Parameters<ReminderStore['close']>) => {
        if (calls++ === 1) throw busy;
        return stores.reminders.close(...args);
      },
    };
    const report = await dispatchDueReminders(
      { ...stores, reminders: throttledOnce },
      onTime,
      () => true,
      (e) => e === busy,
    );
    expect(report).toMatchObject({ sent: 1, unfinished: true });
    expect(closed).toHaveLength(1);
    await expect(
      dispatchDueReminders(
        { ...stores, reminders: throttledOnce },
        onTime,
        () => true,
        () => false,
      ),
    ).resolves.toMatchObject({ unfinished: false });
  });
});
