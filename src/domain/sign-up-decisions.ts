import { firstInvite, nextInvite } from './invite-stamp';
import { AuditionNotStartedError, InvalidReferenceError, NotCastError, NotSignedUpError } from './errors';
import type { Recipient } from './notifications';
import type { Performance } from './performance';
import type { Profile } from './profile';
import { reminderFor } from './reminder-plan';
import type { SignUpChange } from './sign-up-change';
import type { SignUpRecord } from './signup';
import {
  aboutSignUp,
  assertCastingOpen,
  auditionBegun,
  performerReader,
  slotForSignUp,
  withCastingUndone,
  withStatus,
} from './signup';
import { castingTeam, performanceSnapshot, sameAudition, slotSnapshot } from './snapshots';

/**
 * The decisions a performer or a director makes about one sign-up. Each takes the state already loaded and the
 * moment of the request, and either throws a DomainError or returns the {@link SignUpChange} a store writes.
 */

/** A performance as the decisions need it: the performance and the zone of the account that posted it. */
export interface PerformanceAtHand {
  readonly performance: Performance;
  /** The owner's profile zone, in which the director and casting director read their emails. */
  readonly ownerTimeZone?: string;
}

export interface SignUpRequest {
  /** A new id, made by the caller: the calendar event's identity for the sign-up's whole life. */
  readonly signUpId: string;
  readonly slotId: string;
  readonly characterIds: readonly string[];
  readonly accessNeeds?: string;
}

/**
 * A performer signs up for a slot: one place taken (never beyond capacity, never a second active sign-up), a
 * reminder planned for the evening before unless that moment has passed, and the casting team and the
 * performer told.
 * @example signUp({ performance, ownerTimeZone }, performer, { signUpId, slotId, characterIds }, now)
 */
export function signUp(
  { performance, ownerTimeZone }: PerformanceAtHand,
  performer: Profile,
  request: SignUpRequest,
  now: Date,
): SignUpChange {
  const slot = slotForSignUp(performance, request, now);
  const characterIds = [...new Set(request.characterIds)];
  const venueTimeZone = performance.venue.timeZone;
  const at = now.toISOString();
  const reminderAt = reminderFor({ slotStart: slot.start, venueTimeZone, performerTimeZone: performer.timeZone }, now);
  const record: SignUpRecord = {
    performanceId: performance.performanceId,
    performerId: performer.userId,
    signUpId: request.signUpId,
    slotId: slot.slotId,
    characterIds,
    accessNeeds: request.accessNeeds || undefined,
    status: 'signed-up',
    reminderAt,
    invite: firstInvite(now),
    history: [{ status: 'signed-up', at }],
    createdAt: at,
    updatedAt: at,
    performance: performanceSnapshot(performance),
    slot: slotSnapshot(slot, venueTimeZone),
    characterNames: characterIds.map((id) => performance.characters.find((c) => c.characterId === id)?.name ?? ''),
    performer: { name: performer.name, email: performer.email, phone: performer.phone, timeZone: performer.timeZone },
  };
  return {
    signUp: record,
    from: 'none-active',
    // Taken only while the slot is still as the sign-up shows it, with this capacity, and open.
    slotPlaces: { by: 1, limit: slot.capacity },
    notifications: [
      {
        kind: 'signup-received',
        ...aboutSignUp(record),
        to: castingTeam(performance, ownerTimeZone),
        performer: record.performer,
      },
      {
        kind: 'signup-confirmation',
        ...aboutSignUp(record),
        reminderAt: record.reminderAt,
        invite: record.invite,
        to: performerReader(record),
      },
    ],
  };
}

const phoneOf = ({ timeZone: _zone, ...performer }: SignUpRecord['performer']) => performer;

/**
 * A performer withdraws a sign-up still open: the place is freed, the reminder left, the calendar entry
 * cancelled, and the casting team told (if the performance is gone, its director as named on the sign-up).
 * @example withdraw({ signUp: mine, performance, ownerTimeZone }, now) // status 'withdrawn'
 */
export function withdraw(
  state: { readonly signUp: SignUpRecord | undefined } & Partial<PerformanceAtHand>,
  now: Date,
): SignUpChange {
  const record = state.signUp;
  if (!record) throw new NotSignedUpError('You have no sign-up for this performance.');
  if (record.status !== 'signed-up')
    throw new NotSignedUpError(`Your sign-up is ${record.status}; there is nothing to withdraw.`);
  const withdrawn: SignUpRecord = {
    ...record,
    ...withStatus(record, 'withdrawn', now),
    invite: nextInvite(record, now),
  };
  const team: Recipient[] = state.performance
    ? castingTeam(state.performance, state.ownerTimeZone)
    : [{ ...record.performance.director, timeZone: record.performance.venue.timeZone }];
  return {
    signUp: withdrawn,
    from: 'signed-up',
    slotPlaces: { by: -1 },
    notifications: [
      { kind: 'withdrawal', ...aboutSignUp(record), invite: withdrawn.invite, to: performerReader(record) },
      { kind: 'withdrawal-received', ...aboutSignUp(record), to: team, performer: phoneOf(record.performer) },
    ],
  };
}

/**
 * A director casts a performer whose audition has begun into a character, never beyond the character's places.
 * @example cast({ performance, signUp }, 'hamlet', now) // status 'cast', castAs 'hamlet'
 */
export function cast(
  { performance, signUp: record }: { readonly performance: Performance; readonly signUp: SignUpRecord | undefined },
  characterId: string,
  now: Date,
): SignUpChange {
  assertCastingOpen(performance);
  const character = performance.characters.find((c) => c.characterId === characterId);
  if (!character) throw new InvalidReferenceError('This performance has no such character.');
  if (!record) throw new InvalidReferenceError('This performer did not sign up for this performance.');
  if (record.status !== 'signed-up') throw new NotSignedUpError(`The sign-up is ${record.status}.`);
  const slot = performance.slots.find((s) => s.slotId === record.slotId);
  if (!slot || !auditionBegun(slot, performance.venue.timeZone, now)) {
    throw new AuditionNotStartedError('A performer can be cast once their audition has begun.');
  }
  const castRecord = { ...record, ...withStatus(record, 'cast', now, characterId), castAsName: character.name };
  return {
    signUp: castRecord,
    from: 'signed-up',
    performanceVersion: performance.version,
    characterPlaces: { characterId, by: 1, limit: character.places },
    slotCast: 1,
    notifications: [{ kind: 'cast', character: character.name, ...aboutSignUp(record), to: performerReader(record) }],
  };
}

/**
 * A director undoes a casting until casting closes: the character's place is freed and the performer told. The
 * sign-up shows its slot as the performance has it now: moves made while it was cast did not follow it (a cast
 * performer's audition is behind them), and what comes next (a later move, closing casting) is judged on it.
 * When that slot differs from the one the performer's calendar shows (time, length or place), the email carries
 * an updated invite (same UID, next SEQUENCE), recorded on the sign-up as a move records it, so a later move or
 * cancellation continues the sequence; otherwise the calendar is left as it is.
 * Casting left the reminder (a cast performer is reminded of nothing); signed up again, the performer is reminded
 * like anyone signing up now: at 19:00 the evening before if the slot has since moved ahead and that moment has
 * not passed, otherwise not at all.
 * @example uncast({ performance, signUp: castOne }, now) // status 'signed-up', no castAs, slot as it is now
 */
export function uncast(
  { performance, signUp: record }: { readonly performance: Performance; readonly signUp: SignUpRecord | undefined },
  now: Date,
): SignUpChange {
  assertCastingOpen(performance);
  if (!record) throw new InvalidReferenceError('This performer did not sign up for this performance.');
  if (record.status !== 'cast' || !record.castAs) throw new NotCastError(`The sign-up is ${record.status}.`);
  const slot = performance.slots.find((s) => s.slotId === record.slotId);
  const venueTimeZone = performance.venue.timeZone;
  const undone = withCastingUndone(record, now);
  const slotNow = slot && slotSnapshot(slot, venueTimeZone);
  const invite = slotNow && !sameAudition(record.slot, slotNow) ? nextInvite(record, now) : undefined;
  const reminderAt =
    slot && reminderFor({ slotStart: slot.start, venueTimeZone, performerTimeZone: record.performer.timeZone }, now);
  const signUp: SignUpRecord = slotNow
    ? { ...undone, slot: slotNow, reminderAt, ...(invite ? { invite } : {}) }
    : { ...undone, reminderAt: undefined };
  return {
    signUp,
    from: 'cast',
    performanceVersion: performance.version,
    characterPlaces: { characterId: record.castAs, by: -1 },
    slotCast: -1,
    notifications: [
      {
        kind: 'cast-undone',
        character: record.castAsName ?? '',
        ...aboutSignUp(signUp),
        to: performerReader(record),
        ...(invite ? { moved: { previousSlot: record.slot, invite } } : {}),
      },
    ],
  };
}
