import type { InviteStamp } from './invite-stamp';
import type { PerformanceSnapshot, PerformerSnapshot, Recipient, SlotSnapshot } from './notifications';
import type { AuditionSlot, Performance } from './performance';
import { slotTimes } from './performance';
import { AuditionStartedError, CastingClosedError, InvalidReferenceError, NotFoundError } from './errors';

export const signUpStatuses = ['signed-up', 'withdrawn', 'cast', 'not-cast', 'cancelled'] as const;
export type SignUpStatus = (typeof signUpStatuses)[number];

/** Statuses that hold a place: a performer may have only one of these per performance. */
export const activeStatuses: readonly SignUpStatus[] = ['signed-up', 'cast'];

export interface StatusChange {
  readonly status: SignUpStatus;
  readonly at: string;
}

/** One performer's sign-up for one performance (there is at most one per pair; a new one replaces an ended one). */
export interface SignUp {
  readonly performanceId: string;
  readonly performerId: string;
  /** New for every sign-up, so a calendar invite of an ended sign-up is never confused with a new one. */
  readonly signUpId: string;
  readonly slotId: string;
  readonly characterIds: readonly string[];
  /** Private: only the performer and the performance's owners may read it. */
  readonly accessNeeds?: string;
  readonly status: SignUpStatus;
  readonly castAs?: string;
  readonly history: readonly StatusChange[];
  /** When the evening-before reminder is planned (ISO), if one is. */
  readonly reminderAt?: string;
  /** The last calendar invite sent for this sign-up; the next one is {@link nextInvite} of it. */
  readonly invite?: InviteStamp;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A sign-up as stored: the sign-up and the snapshots its lists and emails show. */
export interface SignUpRecord extends SignUp {
  readonly performance: PerformanceSnapshot;
  readonly slot: SlotSnapshot;
  readonly characterNames: readonly string[];
  /** The name of the character the performer was cast as. */
  readonly castAsName?: string;
  readonly performer: PerformerSnapshot & { readonly timeZone: string };
}

/** What every notification about a sign-up says of it: the performance, the slot, the sign-up and its characters. */
export const aboutSignUp = (r: SignUpRecord) => ({
  performance: r.performance,
  slot: r.slot,
  signUpId: r.signUpId,
  characters: r.characterNames,
});

/** The performer of a sign-up as the reader of an email about it. */
export const performerReader = (r: SignUpRecord): Recipient => ({
  name: r.performer.name,
  email: r.performer.email,
  timeZone: r.performer.timeZone,
});

/** Sign-ups and castings change only while casting is open. */
export function assertCastingOpen(performance: Pick<Performance, 'castingClosed'>): void {
  if (performance.castingClosed) throw new CastingClosedError('Casting for this performance is closed.');
}

/** Whether the slot's audition has begun at `now` (at its very start it has). */
export function auditionBegun(slot: AuditionSlot, venueTimeZone: string, now: Date): boolean {
  return slotTimes(slot, venueTimeZone).start.getTime() <= now.getTime();
}

/** The slot a sign-up may be made for, after checking the rules that do not depend on concurrent state. */
export function slotForSignUp(
  performance: Performance,
  request: { slotId: string; characterIds: readonly string[] },
  now: Date,
): AuditionSlot {
  assertCastingOpen(performance);
  const slot = performance.slots.find((s) => s.slotId === request.slotId);
  if (!slot) throw new InvalidReferenceError('This performance has no such audition slot.');
  const known = new Set(performance.characters.map((c) => c.characterId));
  const unknown = request.characterIds.filter((id) => !known.has(id));
  if (unknown.length)
    throw new InvalidReferenceError(`No character with id ${unknown.join(', ')} in this performance.`);
  if (auditionBegun(slot, performance.venue.timeZone, now)) {
    throw new AuditionStartedError('This audition slot has already started.');
  }
  return slot;
}

/**
 * The final status closing casting gives a sign-up still open: "not cast" if its audition had begun when casting
 * closed (the performer auditioned), otherwise "cancelled" (the audition will not take place).
 * @example finalStatusAtClose({ slot: { startsAt: '2027-04-11T09:00:00.000Z' } }, closedAt) // 'cancelled'
 */
export function finalStatusAtClose(
  signUp: { readonly slot: { readonly startsAt: string } },
  closedAt: Date,
): 'not-cast' | 'cancelled' {
  return new Date(signUp.slot.startsAt).getTime() <= closedAt.getTime() ? 'not-cast' : 'cancelled';
}

/**
 * A cast sign-up back to "signed up", as if the casting had not happened (the audition stays done), with the
 * change recorded in its history.
 * @example withCastingUndone(castRecord, now) // { ...castRecord, status: 'signed-up', castAs: undefined, … }
 */
export function withCastingUndone<T extends SignUp & { readonly castAsName?: string }>(
  signUp: T,
  now: Date,
): Omit<T, 'castAs' | 'castAsName'> {
  const { castAs: _castAs, castAsName: _castAsName, ...rest } = { ...signUp, ...withStatus(signUp, 'signed-up', now) };
  return rest;
}

/**
 * The status a sign-up had at `at`, by its history: the last change recorded at or before it (undefined when the
 * sign-up was made later). A sign-up stored without a history answers its status now.
 * @example statusAt({ status: 'signed-up', history: [{ status: 'signed-up', at: '2027-03-01T10:00:00.000Z' },
 *   { status: 'cast', at: '2027-03-02T10:00:00.000Z' }, { status: 'signed-up', at: '2027-03-03T10:00:00.000Z' }] },
 *   new Date('2027-03-02T12:00:00.000Z')) // 'cast'
 */
export function statusAt(
  signUp: Pick<SignUp, 'status'> & { readonly history?: SignUp['history'] },
  at: Date,
): SignUpStatus | undefined {
  if (!signUp.history?.length) return signUp.status;
  return signUp.history.filter((change) => new Date(change.at).getTime() <= at.getTime()).at(-1)?.status;
}

/** A sign-up with one more status change recorded. */
export function withStatus(signUp: SignUp, status: SignUpStatus, now: Date, castAs?: string): SignUp {
  const at = now.toISOString();
  return {
    ...signUp,
    status,
    ...(castAs ? { castAs } : {}),
    reminderAt: status === 'signed-up' ? signUp.reminderAt : undefined,
    history: [...signUp.history, { status, at }],
    updatedAt: at,
  };
}

/**
 * The sign-up a store found, where one must exist to go on; `NotFoundError` when there is none.
 *
 * @example const record = existingSignUp(await stores.signUps.find(performanceId, performerId));
 */
export function existingSignUp(record: SignUpRecord | undefined): SignUpRecord {
  if (!record) throw new NotFoundError('No such sign-up.');
  return record;
}
