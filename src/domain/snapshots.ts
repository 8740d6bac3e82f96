import { DateTime } from 'luxon';
import type { AuditionSlot, Performance } from './performance';
import { slotTimes } from './performance';
import type { PerformanceSnapshot, SlotSnapshot } from './notifications';

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

/** A slot snapshot's start as the wall-clock time at the venue, `YYYY-MM-DDTHH:mm`. */
export function slotStartAtVenue(slot: SlotSnapshot, venueTimeZone: string): string {
  return DateTime.fromISO(slot.startsAt, { zone: 'utc' }).setZone(venueTimeZone).toFormat("yyyy-MM-dd'T'HH:mm");
}
