import type { SignUpChange } from './sign-up-change';

/**
 * The sign-up changes a performance change causes, as work items small enough for one queue message each. The
 * table's stream consumer decides them and queues them; the mailer saves them one by one and, while the table is
 * throttled, puts the unsaved rest back on the queue with a delay. Saving a change twice is harmless (each save
 * is conditional on the sign-up's status), so a work item may be delivered or queued more than once.
 */
export interface SignUpFollowUp {
  readonly kind: 'sign-up-follow-up';
  readonly performanceId: string;
  /** The changes still to save, in order. */
  readonly changes: readonly SignUpChange[];
  /** How many times in a row the table refused this work and it was put back (0 when first queued). */
  readonly deferrals: number;
}

/** At most this many sign-up changes in one work item: one mailer invocation saves a few items' worth in seconds. */
export const maxChangesPerFollowUp = 25;

/**
 * At most this many bytes of JSON in one work item: SQS takes 256 KiB a message; the margin is for the envelope
 * and for changes whose texts are long (a change is typically 2 KB).
 */
export const maxFollowUpBytes = 200_000;

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The changes of one performance change cut into work items of at most `maxChangesPerFollowUp` changes and
 * `maxFollowUpBytes` bytes, in their order. A change larger than the limit alone throws (it could never be queued).
 *
 * @example followUpWork('p1', fiftyChanges).map((w) => w.changes.length) // [25, 25]
 */
export function followUpWork(
  performanceId: string,
  changes: readonly SignUpChange[],
  limits = { maxChanges: maxChangesPerFollowUp, maxBytes: maxFollowUpBytes },
): SignUpFollowUp[] {
  const empty = bytesOf({ kind: 'sign-up-follow-up', performanceId, changes: [], deferrals: 0 });
  const work: SignUpFollowUp[] = [];
  let current: SignUpChange[] = [];
  let bytes = empty;
  const flush = () => {
    if (current.length) work.push({ kind: 'sign-up-follow-up', performanceId, changes: current, deferrals: 0 });
    current = [];
    bytes = empty;
  };
  for (const change of changes) {
    const size = bytesOf(change) + 1; // and its comma
    if (empty + size > limits.maxBytes) {
      throw new Error(`The change of sign-up ${change.signUp.signUpId} is too large to queue (${size} bytes)`);
    }
    if (current.length >= limits.maxChanges || bytes + size > limits.maxBytes) flush();
    current.push(change);
    bytes += size;
  }
  flush();
  return work;
}

/**
 * When work the table refused is tried again: 5 s after the first refusal, doubling each time up to 5 minutes,
 * with up to a fifth more at random so that refused items do not all come back at once. There is no last try:
 * the work waits as long as the table is busy.
 *
 * @example followUpDelaySeconds(0, () => 0) // 5
 * @example followUpDelaySeconds(10, () => 0) // 300
 */
export function followUpDelaySeconds(deferralsBefore: number, random: () => number = Math.random): number {
  const base = Math.min(300, 5 * 2 ** Math.min(deferralsBefore, 10));
  return Math.min(900, Math.round(base * (1 + random() / 5)));
}

/**
 * The work still to do after its first `saved` changes, or undefined when none is left. `refused`: the table
 * refused the next change, so it counts one more deferral (back to one when some changes went through, for the
 * table is taking writes again); put back only for lack of time, it counts none.
 *
 * @example remainingWork({ ...work, deferrals: 2 }, 0, 'refused').deferrals // 3
 */
export function remainingWork(
  work: SignUpFollowUp,
  saved: number,
  why: 'refused' | 'out-of-time',
): SignUpFollowUp | undefined {
  const changes = work.changes.slice(saved);
  if (!changes.length) return undefined;
  const deferrals = why === 'out-of-time' ? 0 : saved > 0 ? 1 : work.deferrals + 1;
  return { ...work, changes, deferrals };
}
