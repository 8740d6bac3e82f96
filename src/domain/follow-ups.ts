import { nextInvite } from './invite-stamp';
import type { Notification } from './notifications';
import type { Performance } from './performance';
import { slotChanges } from './performance';
import { reminderFor } from './reminder-plan';
import type { SignUpChange } from './sign-up-change';
import type { SignUpRecord } from './signup';
import { aboutSignUp, finalStatusAtClose, performerReader, statusAt, withStatus } from './signup';
import { sameAudition, slotSnapshot } from './snapshots';

/** A performance as stored, with the moment it was deleted if it was. */
export type StoredPerformance = Performance & { readonly deletedAt?: string };

/** What a change to a performance means for its sign-ups. */
export interface FollowUp {
  /** One change per sign-up concerned, each to be saved on its own, only if the sign-up has not moved on. */
  readonly signUps: readonly SignUpChange[];
}

/** Why slots take no more sign-ups. */
export type CancelReason = 'performance-deleted' | 'slot-removed' | 'casting-closed';

/**
 * The slots a change closes to sign-ups, and why: every slot when casting closes or the performance is deleted,
 * the removed ones otherwise. The follow-up closes them before it reads the sign-ups, so a sign-up racing the
 * change is either among those it reads or refused.
 * @example slotsClosedBy(before, { ...before, castingClosed: true }) // { slotIds: ['s1', 's2'], reason: 'casting-closed' }
 */
export function slotsClosedBy(
  before: StoredPerformance,
  after: StoredPerformance,
): { slotIds: string[]; reason: CancelReason } {
  const all = before.slots.map((s) => s.slotId);
  if (isDeletion(before, after)) return { slotIds: all, reason: 'performance-deleted' };
  if (isClosing(before, after)) return { slotIds: all, reason: 'casting-closed' };
  return { slotIds: slotChanges(before, after).removed.map((s) => s.slotId), reason: 'slot-removed' };
}

/**
 * When a performance was changed, by the clock of the write that changed it (a stream's own timestamp is only
 * approximate: to the second in AWS, to the minute in DynamoDB Local). What the change causes — invites'
 * DTSTAMP, re-planned reminders, status history — dates from it.
 * @example changedAt({ ...performance, updatedAt: '2027-03-01T10:00:00.000Z' }, streamedAt) // 2027-03-01T10:00Z
 */
export function changedAt(performance: StoredPerformance, streamedAt: Date): Date {
  const at = new Date(performance.deletedAt ?? performance.updatedAt);
  return Number.isNaN(at.getTime()) ? streamedAt : at;
}

/**
 * Whether a change to a performance concerns its sign-ups at all (deleted, casting closed, slots removed or
 * moved), so the sign-ups need loading.
 */
export function concernsSignUps(before: StoredPerformance, after: StoredPerformance): boolean {
  const { removed, moved } = slotChanges(before, after);
  return isDeletion(before, after) || isClosing(before, after) || removed.length > 0 || moved.length > 0;
}

const isDeletion = (before: StoredPerformance, after: StoredPerformance) => !before.deletedAt && !!after.deletedAt;
const isClosing = (before: StoredPerformance, after: StoredPerformance) => !before.castingClosed && after.castingClosed;

/**
 * What a change to a performance means for its performers: closed casting gives every open sign-up whose
 * audition had begun (when casting closed) "not cast" and cancels the others; deletion cancels every sign-up
 * holding a place, cast ones too; a removed slot cancels its sign-ups; a moved slot sends the sign-ups that were
 * open when it moved an updated invite and re-plans their reminders. `now` is the moment of the change.
 * @example followUpPerformanceChange(before, { ...before, castingClosed: true }, signUps, now).signUps
 *   // a not-cast or cancellation change for each open sign-up
 */
export function followUpPerformanceChange(
  before: StoredPerformance,
  after: StoredPerformance,
  signUps: readonly SignUpRecord[],
  now: Date,
): FollowUp {
  const deleted = isDeletion(before, after);
  const closed = isClosing(before, after);
  const { removed, moved } = slotChanges(before, after);
  const open = signUps.filter((s) => s.status === 'signed-up');
  const removedIds = new Set(removed.map((s) => s.slotId));
  const settled = (deleted ? signUps.filter((s) => s.status === 'signed-up' || s.status === 'cast') : open).flatMap(
    (record): SignUpChange[] => {
      if (deleted || removedIds.has(record.slotId)) {
        const reason = deleted ? 'performance-deleted' : 'slot-removed';
        return [settle(record, { status: 'cancelled', reason }, now)];
      }
      if (!closed) return [];
      // Whether the audition had begun is judged at the moment casting closed, not when the follow-up runs.
      const final = finalStatusAtClose(record, new Date(after.updatedAt));
      return [
        settle(record, final === 'not-cast' ? { status: final } : { status: final, reason: 'casting-closed' }, now),
      ];
    },
  );
  if (deleted || closed) return { signUps: settled };
  // Moved: the sign-ups open when the slot moved. One cast then has no audition ahead to move, even if its casting
  // was undone before this follow-up read it (undoing shows it the slot as it is by then): what a move means for a
  // performer does not depend on how late the stream gets to it.
  const movedSignUps = moved.flatMap((change) =>
    open
      .filter((record) => record.slotId === change.after.slotId && statusAt(record, now) === 'signed-up')
      .flatMap((r) => followSlotMove(r, after, now) ?? []),
  );
  return { signUps: [...settled, ...movedSignUps] };
}

/**
 * The move of an open sign-up to its slot as `performance` has it now: the new slot snapshot, an updated invite
 * and a re-planned reminder, saved only while the sign-up is still as read (`unchangedSince`). Undefined when there
 * is nothing to move: the sign-up is not open, its slot is gone, or it shows the slot as it is (a repeat).
 * @example followSlotMove(signUp, { ...performance, slots: [{ ...slot, start: '2027-03-29T10:00' }] }, now)
 *   // { signUp: { ...signUp, slot: { startsAt: '2027-03-29T09:00:00.000Z', … } }, from: 'signed-up', … }
 */
export function followSlotMove(record: SignUpRecord, performance: Performance, now: Date): SignUpChange | undefined {
  const current = performance.slots.find((s) => s.slotId === record.slotId);
  if (record.status !== 'signed-up' || !current) return undefined;
  const slot = slotSnapshot(current, performance.venue.timeZone);
  if (sameAudition(record.slot, slot)) return undefined;
  const audition = {
    slotStart: current.start,
    venueTimeZone: performance.venue.timeZone,
    performerTimeZone: record.performer.timeZone,
  };
  return moveTo(record, slot, reminderFor(audition, now), now);
}

/** A sign-up given its final status and its reminder left, with the notification; a cancellation sends a CANCEL. */
function settle(
  record: SignUpRecord,
  final: { status: 'not-cast' } | { status: 'cancelled'; reason: CancelReason },
  now: Date,
): SignUpChange {
  const invite = final.status === 'cancelled' ? nextInvite(record, now) : undefined;
  const updated: SignUpRecord = { ...record, ...withStatus(record, final.status, now), ...(invite ? { invite } : {}) };
  const about = { ...aboutSignUp(record), to: performerReader(record) };
  const notification: Notification =
    final.status === 'cancelled'
      ? { kind: 'cancellation', reason: final.reason, ...about, invite }
      : { kind: 'not-cast', ...about };
  return {
    signUp: updated,
    from: record.status,
    // Queued changes may be saved out of order: a cancellation decided before a move was saved must not reuse the
    // move's invite sequence, so it is saved only while the sign-up is as read, and decided again otherwise.
    unchangedSince: record.updatedAt,
    notifications: [notification],
  };
}

/**
 * The same settlement (cancellation or not cast) decided again on the sign-up as it is now, after the one decided
 * earlier found it changed: undefined when it has moved on from the status the decision started from.
 * @example settleAgain(signUpAfterAMove, cancellationDecidedBeforeIt) // the cancellation, with the next invite sequence
 */
export function settleAgain(record: SignUpRecord, decided: SignUpChange): SignUpChange | undefined {
  const notification = decided.notifications[0];
  if (record.status !== decided.from) return undefined;
  const now = new Date(decided.signUp.updatedAt);
  if (notification?.kind === 'cancellation')
    return settle(record, { status: 'cancelled', reason: notification.reason }, now);
  if (notification?.kind === 'not-cast') return settle(record, { status: 'not-cast' }, now);
  return undefined;
}

function moveTo(record: SignUpRecord, slot: SignUpRecord['slot'], reminderAt: string | undefined, now: Date) {
  const invite = nextInvite(record, now);
  const moved: SignUpRecord = { ...record, slot, reminderAt, invite, updatedAt: now.toISOString() };
  const change: SignUpChange = {
    signUp: moved,
    from: 'signed-up',
    // Decided on the sign-up as read: one moved or changed meanwhile is moved again from what it is then.
    unchangedSince: record.updatedAt,
    notifications: [
      { kind: 'slot-moved', ...aboutSignUp(moved), previousSlot: record.slot, to: performerReader(record), invite },
    ],
  };
  return change;
}
