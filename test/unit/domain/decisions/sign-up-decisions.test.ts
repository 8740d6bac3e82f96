import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  AuditionNotStartedError,
  AuditionStartedError,
  CastingClosedError,
  InvalidReferenceError,
  NotCastError,
  NotSignedUpError,
} from '../../../../src/domain/errors';
import { auditionStart } from '../../../../src/domain/reminder';
import { followSlotMove } from '../../../../src/domain/follow-ups';
import type { Performance } from '../../../../src/domain/performance';
import { reminderFor } from '../../../../src/domain/reminder-plan';
import { cast, signUp, uncast, withdraw } from '../../../../src/domain/sign-up-decisions';
import type { SignUpStatus } from '../../../../src/domain/signup';
import { aroundFirstSlot, early, performance, performer, storedSignUp, zones } from './fixtures';

const firstSlotStart = auditionStart({ slotStart: '2027-03-28T10:00', venueTimeZone: 'Europe/London' });
const request = { signUpId: 'su-1', slotId: 's1', characterIds: ['hamlet', 'hamlet', 'ophelia'] };
const afterFirstSlot = new Date('2027-03-28T09:30:00Z');

describe('signUp', () => {
  it.each([
    ['casting is closed', { ...performance, castingClosed: true }, request, early, CastingClosedError],
    ['the slot is unknown', performance, { ...request, slotId: 'nope' }, early, InvalidReferenceError],
    ['a character is unknown', performance, { ...request, characterIds: ['yorick'] }, early, InvalidReferenceError],
    ['the audition has started', performance, request, firstSlotStart, AuditionStartedError],
  ])('refuses when %s', (_case, state, input, now, error) => {
    expect(() => signUp({ performance: state }, performer(), input, now)).toThrow(error);
  });

  it('takes one place within the capacity, with a sign-up where none holds a place', () => {
    const decision = signUp({ performance, ownerTimeZone: 'America/New_York' }, performer(), request, early);
    expect(decision).toMatchObject({ from: 'none-active', slotPlaces: { by: 1, limit: 3 } });
    expect(decision.performanceVersion).toBeUndefined();
    expect(decision.signUp).toMatchObject({
      status: 'signed-up',
      characterIds: ['hamlet', 'ophelia'],
      characterNames: ['Hamlet', 'Ophelia'],
      invite: { sequence: 0 },
      reminderAt: '2027-03-27T19:00:00.000Z',
    });
    expect(decision.notifications.map((n) => [n.kind, n.to])).toEqual([
      [
        'signup-received',
        [
          { name: 'Dee', email: 'dee@example.com', timeZone: 'America/New_York' },
          { name: 'Cas', email: 'cas@example.com', timeZone: 'America/New_York' },
        ],
      ],
      ['signup-confirmation', { name: 'Performer pat', email: 'pat@example.com', timeZone: 'Europe/London' }],
    ]);
  });

  it('never plans a reminder at or after the audition start, nor at or before now', () => {
    fc.assert(
      fc.property(zones, aroundFirstSlot, (zone, now) => {
        fc.pre(now < firstSlotStart);
        const decision = signUp({ performance }, performer('pat', zone), request, now);
        const planned = decision.signUp.reminderAt;
        expect(decision.notifications.find((n) => n.kind === 'signup-confirmation')).toMatchObject({
          reminderAt: planned,
        });
        if (planned) {
          expect(Date.parse(planned)).toBeGreaterThan(now.getTime());
          expect(Date.parse(planned)).toBeLessThan(firstSlotStart.getTime());
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('withdraw', () => {
  it.each<[string, SignUpStatus | undefined]>([
    ['there is no sign-up', undefined],
    ['the sign-up is withdrawn', 'withdrawn'],
    ['the performer was cast', 'cast'],
    ['the performer was not cast', 'not-cast'],
    ['the sign-up was cancelled', 'cancelled'],
  ])('refuses when %s', (_case, status) => {
    const record = status && storedSignUp({ status });
    expect(() => withdraw({ signUp: record, performance }, early)).toThrow(NotSignedUpError);
  });

  it('frees the place, sends a CANCEL one sequence on, and tells the casting team', () => {
    const record = storedSignUp();
    const decision = withdraw({ signUp: record, performance, ownerTimeZone: 'Asia/Tokyo' }, early);
    expect(decision).toMatchObject({ from: 'signed-up', slotPlaces: { by: -1 } });
    expect(decision.signUp).toMatchObject({ status: 'withdrawn', invite: { sequence: 1 }, reminderAt: undefined });
    expect(decision.notifications.map((n) => n.kind)).toEqual(['withdrawal', 'withdrawal-received']);
    expect(decision.notifications[1]?.to).toEqual([
      { name: 'Dee', email: 'dee@example.com', timeZone: 'Asia/Tokyo' },
      { name: 'Cas', email: 'cas@example.com', timeZone: 'Asia/Tokyo' },
    ]);
  });

  it('tells the director named on the sign-up when the performance is gone', () => {
    const decision = withdraw({ signUp: storedSignUp() }, early);
    expect(decision.notifications[1]?.to).toEqual([
      { name: 'Dee', email: 'dee@example.com', timeZone: 'Europe/London' },
    ]);
  });

  it('never leaves a reminder planned', () => {
    fc.assert(
      fc.property(zones, aroundFirstSlot, aroundFirstSlot, (zone, signedUpAt, now) => {
        fc.pre(signedUpAt < firstSlotStart);
        const record = storedSignUp({ timeZone: zone, at: signedUpAt });
        const { signUp: withdrawn } = withdraw({ signUp: record, performance }, now);
        expect(withdrawn.reminderAt).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });
});

describe('cast', () => {
  const signedUp = storedSignUp();
  it.each([
    ['casting is closed', { ...performance, castingClosed: true }, signedUp, 'hamlet', CastingClosedError],
    ['the character is unknown', performance, signedUp, 'yorick', InvalidReferenceError],
    ['the performer did not sign up', performance, undefined, 'hamlet', InvalidReferenceError],
    ['the sign-up was withdrawn', performance, storedSignUp({ status: 'withdrawn' }), 'hamlet', NotSignedUpError],
    ['the performer is cast already', performance, storedSignUp({ status: 'cast' }), 'hamlet', NotSignedUpError],
    ['the audition has not begun', performance, storedSignUp({ slotId: 's2' }), 'hamlet', AuditionNotStartedError],
  ])('refuses when %s', (_case, state, record, characterId, error) => {
    expect(() => cast({ performance: state, signUp: record }, characterId, afterFirstSlot)).toThrow(error);
  });

  it('casts within the character’s places, on this version, and tells the performer', () => {
    const decision = cast({ performance, signUp: signedUp }, 'ophelia', firstSlotStart);
    expect(decision).toMatchObject({
      from: 'signed-up',
      performanceVersion: 4,
      characterPlaces: { characterId: 'ophelia', by: 1, limit: 2 },
      signUp: { status: 'cast', castAs: 'ophelia', castAsName: 'Ophelia' },
      notifications: [{ kind: 'cast', character: 'Ophelia', to: { email: 'pat@example.com' } }],
    });
  });
});

describe('uncast', () => {
  it.each([
    [
      'casting is closed',
      { ...performance, castingClosed: true },
      storedSignUp({ status: 'cast' }),
      CastingClosedError,
    ],
    ['the performer did not sign up', performance, undefined, InvalidReferenceError],
    ['the performer is not cast', performance, storedSignUp(), NotCastError],
  ])('refuses when %s', (_case, state, record, error) => {
    expect(() => uncast({ performance: state, signUp: record }, afterFirstSlot)).toThrow(error);
  });

  it('frees the character’s place and puts the sign-up back to signed up', () => {
    const decision = uncast({ performance, signUp: storedSignUp({ status: 'cast' }) }, afterFirstSlot);
    expect(decision).toMatchObject({
      from: 'cast',
      performanceVersion: 4,
      characterPlaces: { characterId: 'hamlet', by: -1 },
      notifications: [{ kind: 'cast-undone', character: 'Hamlet' }],
    });
    expect(decision.signUp.status).toBe('signed-up');
    expect(decision.signUp).not.toHaveProperty('castAs');
  });

  it('shows the slot as the performance has it now, though it moved while the performer was cast', () => {
    const castRecord = storedSignUp({ status: 'cast' });
    const moved = { ...performance.slots[0]!, start: '2027-03-27T09:00' };
    const now = { ...performance, slots: [moved, performance.slots[1]!] };
    const decision = uncast({ performance: now, signUp: castRecord }, afterFirstSlot);
    expect(castRecord.slot.startsAt).toBe('2027-03-28T09:00:00.000Z');
    expect(decision.signUp.slot).toMatchObject({ slotId: 's1', startsAt: '2027-03-27T09:00:00.000Z' });
    expect(decision.notifications[0]).toMatchObject({ slot: decision.signUp.slot });
  });

  it('sends no calendar update when the slot is as the performer’s invite showed it', () => {
    const castRecord = storedSignUp({ status: 'cast' });
    const decision = uncast({ performance, signUp: castRecord }, afterFirstSlot);
    expect(decision.signUp.invite).toEqual(castRecord.invite);
    expect(decision.notifications[0]).not.toHaveProperty('moved');
  });

  it('sends an updated invite when the slot moved while the performer was cast, and later invites continue it', () => {
    const castRecord = storedSignUp({ status: 'cast' });
    expect(castRecord.invite).toEqual({ sequence: 0, issuedAt: early.toISOString() });
    const movedOnce = withSlot(performance, { start: '2027-03-27T09:00', location: { name: 'Studio', address: 'b' } });
    const { signUp: undone, notifications } = uncast({ performance: movedOnce, signUp: castRecord }, afterFirstSlot);
    const invite = { sequence: 1, issuedAt: afterFirstSlot.toISOString() };
    expect(undone.invite).toEqual(invite);
    expect(notifications).toEqual([
      expect.objectContaining({
        kind: 'cast-undone',
        slot: undone.slot,
        moved: { previousSlot: castRecord.slot, invite },
      }),
    ]);
    expect(undone.slot).toMatchObject({ startsAt: '2027-03-27T09:00:00.000Z', location: { address: 'b' } });

    // The sign-up recorded it: a later move and a withdrawal each take the next sequence after it.
    const later = new Date('2027-03-28T11:00:00Z');
    const movedAgain = followSlotMove(undone, withSlot(movedOnce, { start: '2027-04-01T10:00' }), later);
    expect(movedAgain?.signUp.invite).toEqual({ sequence: 2, issuedAt: later.toISOString() });
    expect(movedAgain?.notifications[0]).toMatchObject({ kind: 'slot-moved', previousSlot: undone.slot });
    expect(withdraw({ signUp: undone, performance: movedOnce }, later).signUp.invite?.sequence).toBe(2);
  });

  it('updates the invite exactly when the start instant, length or address changed while cast', () => {
    const change = fc.record({
      shiftMinutes: fc.constantFrom(0, 0, 15, -60, 24 * 60),
      durationMinutes: fc.constantFrom(30, 30, 45),
      location: fc.constantFrom(
        { name: 'Globe', address: 'a' },
        { name: 'Studio', address: 'a' },
        { name: 'Globe', address: 'b' },
      ),
      // Dublin keeps London's clock, so the same local time is the same instant there; Paris's is not.
      timeZone: fc.constantFrom('Europe/London', 'Europe/Dublin', 'Europe/Paris'),
    });
    fc.assert(
      fc.property(change, ({ shiftMinutes, durationMinutes, location, timeZone }) => {
        const castRecord = storedSignUp({ status: 'cast' });
        const start = DateTime.fromISO('2027-03-28T10:00')
          .plus({ minutes: shiftMinutes })
          .toFormat("yyyy-MM-dd'T'HH:mm");
        const now = withSlot(
          { ...performance, venue: { ...performance.venue, timeZone } },
          {
            start,
            durationMinutes,
            location,
          },
        );
        const { signUp: undone, notifications } = uncast({ performance: now, signUp: castRecord }, afterFirstSlot);
        const moved =
          shiftMinutes !== 0 || durationMinutes !== 30 || location.address !== 'a' || timeZone === 'Europe/Paris';
        expect(undone.invite?.sequence).toBe(moved ? 1 : 0);
        const [notice] = notifications;
        expect(notice?.kind).toBe('cast-undone');
        expect(notice?.kind === 'cast-undone' ? notice.moved?.invite : 'wrong kind').toEqual(
          moved ? undone.invite : undefined,
        );
        // Whatever it sent, the next invite is above it.
        expect(withdraw({ signUp: undone }, afterFirstSlot).signUp.invite?.sequence).toBe(moved ? 2 : 1);
      }),
      { numRuns: 60 },
    );
  });

  it('plans no reminder when the audition has begun (casting had left it none)', () => {
    const decision = uncast({ performance, signUp: storedSignUp({ status: 'cast' }) }, afterFirstSlot);
    expect(decision.signUp.reminderAt).toBeUndefined();
  });

  it('plans the 19:00 reminder of the evening before when the slot moved ahead while the performer was cast', () => {
    const ahead = { ...performance.slots[0]!, start: '2027-03-31T10:00' };
    const now = { ...performance, slots: [ahead, performance.slots[1]!] };
    const decision = uncast({ performance: now, signUp: storedSignUp({ status: 'cast' }) }, afterFirstSlot);
    expect(decision.signUp).toMatchObject({ status: 'signed-up', reminderAt: '2027-03-30T18:00:00.000Z' });
  });

  it('plans the reminder a sign-up made now would get: only ahead of both the audition and now', () => {
    fc.assert(
      fc.property(zones, aroundFirstSlot, fc.integer({ min: -2 * 24, max: 5 * 24 }), (zone, now, hoursAhead) => {
        const start = new Date(Date.parse('2027-03-28T09:00:00Z') + hoursAhead * 3_600_000);
        const local = DateTime.fromJSDate(start, { zone: 'Europe/London' }).toFormat("yyyy-MM-dd'T'HH:mm");
        const moved = { ...performance, slots: [{ ...performance.slots[0]!, start: local }, performance.slots[1]!] };
        const record = storedSignUp({ status: 'cast', timeZone: zone });
        const { signUp: undone } = uncast({ performance: moved, signUp: record }, now);
        const expected = reminderFor(
          { slotStart: local, venueTimeZone: 'Europe/London', performerTimeZone: zone },
          now,
        );
        expect(undone.reminderAt).toBe(expected);
        if (undone.reminderAt) {
          expect(Date.parse(undone.reminderAt)).toBeGreaterThan(now.getTime());
          expect(Date.parse(undone.reminderAt)).toBeLessThan(Date.parse(undone.slot.startsAt));
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** The performance with its first slot changed as given. */
function withSlot(p: Performance, change: Partial<Performance['slots'][number]>): Performance {
  return { ...p, slots: [{ ...p.slots[0]!, ...change }, ...p.slots.slice(1)] };
}
