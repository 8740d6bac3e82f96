import { DateTime } from 'luxon';
import type { AuditionSlot, Performance } from './performance';
import { slotTimes } from './performance';
import type { PerformanceSnapshot, Recipient, SlotSnapshot } from './notifications';
import type { KeptSlot, SeenSlot } from './ports/performances';

/** What an email or a performer's sign-up list needs to show of a performance, frozen at one moment. */
export function performanceSnapshot(performance: Performance): PerformanceSnapshot {
  const { venue, director } = performance;
  return {
    performanceId: performance.performanceId,
    title: performance.title,
    venue: {
      name: venue.name,
      address: venue.address,
      city: venue.city,
      country: venue.country,
      timeZone: venue.timeZone,
    },
    director: { name: director.name, email: director.email },
  };
}

export function slotSnapshot(slot: AuditionSlot, venueTimeZone: string): SlotSnapshot {
  return {
    slotId: slot.slotId,
    startsAt: slotTimes(slot, venueTimeZone).start.toISOString(),
    durationMinutes: slot.durationMinutes,
    location: slot.location,
  };
}

/**
 * Whether two snapshots of a slot show the same audition to a performer's calendar: the same start instant (so a
 * change of the venue's zone counts), length and address. A new name for the same address moves nothing, as in
 * `slotChanges`.
 * @example sameAudition(signUp.slot, slotSnapshot(slotNow, venueTimeZone)) // false once the slot has moved
 */
export function sameAudition(a: SlotSnapshot, b: SlotSnapshot): boolean {
  return (
    a.startsAt === b.startsAt && a.durationMinutes === b.durationMinutes && a.location.address === b.location.address
  );
}

/**
 * Every slot an edit keeps (present before and after, by id), as its sign-ups saw it before and see it after: the
 * store records a new revision for each one that changed (`PerformanceStore.replace`).
 * @example keptSlots(before, after) // [{ slotId: 's1', before: { snapshot, capacity: 5 }, after: { snapshot, capacity: 3 } }]
 */
export function keptSlots(before: Performance, after: Performance): KeptSlot[] {
  const seen = (p: Performance, slot: AuditionSlot): SeenSlot => {
    const { slotId: _slotId, ...snapshot } = slotSnapshot(slot, p.venue.timeZone);
    return { snapshot, capacity: slot.capacity };
  };
  return after.slots.flatMap((slot) => {
    const previous = before.slots.find((b) => b.slotId === slot.slotId);
    return previous ? [{ slotId: slot.slotId, before: seen(before, previous), after: seen(after, slot) }] : [];
  });
}

/** A slot snapshot's start as the wall-clock time at the venue, `YYYY-MM-DDTHH:mm`. */
export function slotStartAtVenue(slot: SlotSnapshot, venueTimeZone: string): string {
  return DateTime.fromISO(slot.startsAt, { zone: 'utc' }).setZone(venueTimeZone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/**
 * The director and casting director of a performance as readers of an email. Their contacts on the performance
 * carry no zone of their own, so both read times in the zone of the account that posted the performance (the
 * director's profile zone; the venue's if that is unknown), and every such email shows the venue's time beside it.
 * @example castingTeam(performance, 'America/New_York') // [{ name: 'Dee', email, timeZone: 'America/New_York' }, …]
 */
export function castingTeam(
  performance: Pick<Performance, 'director' | 'castingDirector' | 'venue'>,
  ownerTimeZone: string | undefined,
): Recipient[] {
  const timeZone = ownerTimeZone ?? performance.venue.timeZone;
  return [performance.director, performance.castingDirector].map((c) => ({ name: c.name, email: c.email, timeZone }));
}
