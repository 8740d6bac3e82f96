import { DateTime } from 'luxon';
import type { Deliverability, SuppressionList } from '../domain/email-suppression';
import { deliverability } from '../domain/email-suppression';
import type { PerformanceState } from '../domain/ports/performances';
import type { Profile } from '../domain/profile';
import type { SearchSummary } from '../domain/search-summary';
import { noUpcomingAudition } from '../domain/search-terms';
import type { SignUpRecord } from '../adapters/dynamodb/signup-store';
import { localToInstant, slotTimes } from '../domain/performance';
import type { PerformanceView } from '../schemas/performance';
import type { SearchResultView } from '../schemas/search';
import type { SignUpView } from '../schemas/signup';

/** One instant for two readers: UTC, the venue's wall clock and the reader's, each with its offset. */
export function zoned(instant: Date | string, venueTimeZone: string, readerTimeZone: string) {
  const at = DateTime.fromJSDate(typeof instant === 'string' ? new Date(instant) : instant);
  const local = (zone: string) => at.setZone(zone).toISO({ suppressMilliseconds: true, suppressSeconds: true }) ?? '';
  return { utc: at.toUTC().toISO() ?? '', venue: local(venueTimeZone), reader: local(readerTimeZone) };
}

/** The API view of a performance with live counts, times in the venue's and the reader's zone. */
export function performanceView(state: PerformanceState, readerTimeZone: string): PerformanceView {
  const { performance: p, slotTaken, characterCast } = state;
  const zone = p.venue.timeZone;
  return {
    performanceId: p.performanceId,
    ownerId: p.ownerId,
    version: p.version,
    title: p.title,
    description: p.description,
    kind: p.kind,
    director: p.director,
    castingDirector: p.castingDirector,
    venue: p.venue,
    dates: p.dates.map((local) => ({ local, startsAt: zoned(localToInstant(local, zone), zone, readerTimeZone) })),
    characters: p.characters.map((c) => ({
      ...c,
      attributes: { ...c.attributes },
      cast: characterCast.get(c.characterId) ?? 0,
    })),
    slots: p.slots.map((s) => ({
      slotId: s.slotId,
      start: s.start,
      startsAt: zoned(slotTimes(s, zone).start, zone, readerTimeZone),
      durationMinutes: s.durationMinutes,
      capacity: s.capacity,
      remaining: Math.max(0, s.capacity - (slotTaken.get(s.slotId) ?? 0)),
      location: s.location,
    })),
    castingClosed: p.castingClosed,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/**
 * The API view of a sign-up. A sign-up still open when casting closed shows "not-cast" at once, even before the
 * stream has written that status.
 */
export function signUpView(
  record: SignUpRecord,
  readerTimeZone: string,
  options: { castingClosed?: boolean } = {},
): SignUpView {
  const zone = record.performance.venue.timeZone;
  const status = record.status === 'signed-up' && options.castingClosed ? 'not-cast' : record.status;
  return {
    performanceId: record.performanceId,
    performerId: record.performerId,
    signUpId: record.signUpId,
    title: record.performance.title,
    venue: record.performance.venue,
    slot: {
      slotId: record.slot.slotId,
      startsAt: zoned(record.slot.startsAt, zone, readerTimeZone),
      durationMinutes: record.slot.durationMinutes,
      location: record.slot.location,
    },
    characters: record.characterIds.map((characterId, i) => ({ characterId, name: record.characterNames[i] ?? '' })),
    status,
    castAs: record.castAs,
    castAsName: record.castAsName,
    history: [...record.history],
    reminder: record.reminderAt && status === 'signed-up' ? zoned(record.reminderAt, zone, readerTimeZone) : undefined,
    accessNeeds: record.accessNeeds,
    createdAt: record.createdAt,
  };
}

/** The API view of a search result. */
export function searchResultView(r: SearchSummary): SearchResultView {
  return {
    performanceId: r.performanceId,
    title: r.title,
    kind: r.kind,
    venueName: r.venueName,
    city: r.city,
    country: r.country,
    timeZone: r.timeZone,
    nextAudition: r.nextAudition === noUpcomingAudition ? null : r.nextAudition,
    firstDate: r.firstDay,
    lastDate: r.lastDay,
    characters: [...r.characters],
  };
}

/**
 * A profile as its owner reads it: with whether their address gets email. The mark stays until someone removes the
 * address's record: changing the profile or logging in again does not clear it (the address did not change).
 */
export async function ownProfileView<P extends Profile>(
  suppressions: SuppressionList,
  profile: P,
): Promise<P & Deliverability> {
  const found = await suppressions.find([profile.email]);
  // A performer takes invitations until they switch them off.
  const invitations = profile.role === 'performer' ? { invitations: profile.invitations ?? true } : {};
  return { ...profile, ...invitations, ...deliverability(found.get(profile.email.toLowerCase())) };
}
