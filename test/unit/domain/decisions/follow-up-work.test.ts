import { describe, expect, it } from 'vitest';
import {
  followUpDelaySeconds,
  followUpWork,
  maxChangesPerFollowUp,
  maxFollowUpBytes,
  remainingWork,
} from '../../../../src/domain/follow-up-work';
import { followSlotMove, followUpPerformanceChange, settleAgain } from '../../../../src/domain/follow-ups';
import { queuedMessageKind, signUpFollowUpFromText } from '../../../../src/schemas/sign-up-follow-up';
import { emailMessageFromText } from '../../../../src/schemas/email-message';
import { early, performance, storedSignUp } from './fixtures';

/** Closing casting on `count` open sign-ups: one change each (every audition still ahead, so each is cancelled). */
function closingChanges(count: number) {
  const signUps = Array.from({ length: count }, (_, i) => storedSignUp({ performerId: `p${i}` }));
  const after = { ...performance, castingClosed: true, updatedAt: early.toISOString() };
  return followUpPerformanceChange(performance, after, signUps, early).signUps;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('followUpWork', () => {
  it('cuts 1,000 sign-up changes into work items of at most 25, in order, each within an SQS message', () => {
    const changes = closingChanges(1000);
    const work = followUpWork(performance.performanceId, changes);
    expect(work).toHaveLength(1000 / maxChangesPerFollowUp);
    expect(work.every((w) => w.changes.length <= maxChangesPerFollowUp)).toBe(true);
    expect(work.flatMap((w) => w.changes)).toEqual(changes);
    expect(work.every((w) => w.deferrals === 0 && w.performanceId === performance.performanceId)).toBe(true);
    expect(Math.max(...work.map(bytes))).toBeLessThanOrEqual(maxFollowUpBytes);
    expect(Math.max(...work.map(bytes))).toBeLessThan(256 * 1024);
  });

  it('starts a new item before the byte limit, however few changes the current one holds', () => {
    const changes = closingChanges(10);
    const one = bytes(changes[0]);
    const work = followUpWork('p', changes, { maxChanges: 25, maxBytes: 3.5 * one });
    expect(work.length).toBeGreaterThan(1);
    expect(work.every((w) => bytes(w) <= 3.5 * one)).toBe(true);
    expect(work.flatMap((w) => w.changes)).toEqual(changes);
  });

  it('queues nothing for no changes, and refuses a change that no message could hold', () => {
    expect(followUpWork('p', [])).toEqual([]);
    const changes = closingChanges(1);
    expect(() => followUpWork('p', changes, { maxChanges: 25, maxBytes: 100 })).toThrow(/too large to queue/);
  });

  it('reads back as a follow-up through the queue message schema, told apart from an email', () => {
    const [work] = followUpWork(performance.performanceId, closingChanges(3));
    const text = JSON.stringify(work);
    expect(queuedMessageKind(text)).toBe('sign-up-follow-up');
    expect(signUpFollowUpFromText(text)).toEqual(work);
    // An email, as every email message has been written, is still an email.
    const email = JSON.stringify({ idempotencyKey: 'k', to: ['a@example.com'], subject: 'Hi', text: 'Hello' });
    expect(queuedMessageKind(email)).toBe('email');
    expect(emailMessageFromText(email).subject).toBe('Hi');
    expect(queuedMessageKind('not json')).toBe('email');
    expect(() => signUpFollowUpFromText(JSON.stringify({ ...work, changes: [] }))).toThrow();
    expect(() => signUpFollowUpFromText(JSON.stringify({ ...work, deferrals: -1 }))).toThrow();
  });
});

describe('remainingWork and followUpDelaySeconds', () => {
  const [work] = followUpWork('p', closingChanges(5));

  it('keeps the changes not saved yet, counting refusals in a row and none for lack of time', () => {
    const refused = remainingWork(work!, 0, 'refused');
    expect(refused?.changes).toEqual(work!.changes);
    expect(refused?.deferrals).toBe(1);
    expect(remainingWork(refused!, 0, 'refused')?.deferrals).toBe(2);
    // Some went through: the table takes writes again, so the count starts afresh.
    const partly = remainingWork({ ...work!, deferrals: 6 }, 2, 'refused');
    expect(partly?.changes).toEqual(work!.changes.slice(2));
    expect(partly?.deferrals).toBe(1);
    expect(remainingWork({ ...work!, deferrals: 6 }, 3, 'out-of-time')?.deferrals).toBe(0);
    expect(remainingWork(work!, 5, 'refused')).toBeUndefined();
  });

  it('waits 5 s after the first refusal, doubling up to 5 minutes plus at most a fifth, never past SQS’s 900 s', () => {
    expect([0, 1, 2, 3, 6, 20, 1000].map((n) => followUpDelaySeconds(n, () => 0))).toEqual([
      5, 10, 20, 40, 300, 300, 300,
    ]);
    expect(followUpDelaySeconds(0, () => 0.999)).toBe(6);
    expect(followUpDelaySeconds(1000, () => 0.999)).toBe(360);
  });
});

describe('followSlotMove', () => {
  const movedS1 = {
    ...performance,
    slots: performance.slots.map((s) => (s.slotId === 's1' ? { ...s, start: '2027-03-29T10:00' } : s)),
  };

  it('moves an open sign-up to its slot as the performance has it now, only while the sign-up is as read', () => {
    const record = storedSignUp({ performerId: 'mover' });
    const move = followSlotMove(record, movedS1, early);
    expect(move?.from).toBe('signed-up');
    expect(move?.unchangedSince).toBe(record.updatedAt);
    expect(move?.signUp.slot.startsAt).toBe('2027-03-29T09:00:00.000Z');
    expect(move?.notifications.map((n) => n.kind)).toEqual(['slot-moved']);
    // Moved again from where the first move left it: the invite's sequence goes on from there.
    const again = followSlotMove(move!.signUp, { ...movedS1, slots: performance.slots }, early);
    expect(again?.signUp.invite?.sequence).toBe((move?.signUp.invite?.sequence ?? 0) + 1);
    expect(again?.unchangedSince).toBe(move?.signUp.updatedAt);
  });

  it('moves nothing when the sign-up shows the slot already, is not open, or its slot is gone', () => {
    expect(followSlotMove(storedSignUp({ performerId: 'still' }), performance, early)).toBeUndefined();
    expect(followSlotMove(storedSignUp({ performerId: 'gone', status: 'withdrawn' }), movedS1, early)).toBeUndefined();
    const removed = { ...movedS1, slots: movedS1.slots.filter((s) => s.slotId !== 's1') };
    expect(followSlotMove(storedSignUp({ performerId: 'removed' }), removed, early)).toBeUndefined();
  });

  it('is what a performance change decides for the sign-ups of a moved slot', () => {
    const signUps = [storedSignUp({ performerId: 'a' }), storedSignUp({ performerId: 'b', slotId: 's2' })];
    const { signUps: changes } = followUpPerformanceChange(performance, movedS1, signUps, early);
    expect(changes).toEqual([followSlotMove(signUps[0]!, movedS1, early)]);
  });
});

describe('settleAgain', () => {
  const movedS1 = {
    ...performance,
    slots: performance.slots.map((s) => (s.slotId === 's1' ? { ...s, start: '2027-03-29T10:00' } : s)),
  };
  const deleted = { ...performance, deletedAt: early.toISOString() };

  it('decides a cancellation again after a move saved out of order: the CANCEL takes the next invite sequence', () => {
    const record = storedSignUp({ performerId: 'moved-then-cancelled' });
    const move = followSlotMove(record, movedS1, early);
    // Both decided on the sign-up as first read, as the stream consumer does for two quick changes.
    const [cancel] = followUpPerformanceChange(performance, deleted, [record], early).signUps;
    expect(cancel?.unchangedSince).toBe(record.updatedAt);
    expect(cancel?.signUp.invite?.sequence).toBe(move?.signUp.invite?.sequence);
    // The move was saved first, so the cancellation's guard fails and it is decided again on the moved sign-up.
    const again = settleAgain(move!.signUp, cancel!);
    expect(again?.signUp.status).toBe('cancelled');
    expect(again?.signUp.invite?.sequence).toBe((move?.signUp.invite?.sequence ?? 0) + 1);
    expect(again?.notifications.map((n) => n.kind)).toEqual(['cancellation']);
    expect(again?.unchangedSince).toBe(move?.signUp.updatedAt);
  });

  it('leaves alone a sign-up that moved on from the status the decision started from', () => {
    const record = storedSignUp({ performerId: 'withdrew' });
    const [cancel] = followUpPerformanceChange(performance, deleted, [record], early).signUps;
    expect(settleAgain({ ...record, status: 'withdrawn' }, cancel!)).toBeUndefined();
  });
});
