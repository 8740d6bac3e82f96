import type { ZonedInstant } from '../api/schemas';
import { inZone, wallClock } from '../app/time';

/**
 * One instant for two readers: the venue's wall clock and mine, each with its zone. Shown once when both
 * zones are the same.
 */
export function When({
  at,
  venueZone,
  myZone,
}: {
  readonly at: ZonedInstant;
  readonly venueZone: string;
  readonly myZone: string;
}) {
  if (venueZone === myZone) {
    return (
      <span className="when">
        <time dateTime={at.utc}>{wallClock(at.venue)}</time>{' '}
        <span className="zone">({venueZone}: the venue’s zone and yours)</span>
      </span>
    );
  }
  return (
    <span className="when">
      <span className="when-line">
        <time dateTime={at.utc}>{wallClock(at.venue)}</time> <span className="zone">at the venue ({venueZone})</span>
      </span>
      <span className="when-line">
        <time dateTime={at.utc}>{wallClock(at.reader)}</time> <span className="zone">your time ({myZone})</span>
      </span>
    </span>
  );
}

/** The same, for an instant the API gives only in UTC (search results). */
export function WhenUtc({
  utc,
  venueZone,
  myZone,
}: {
  readonly utc: string;
  readonly venueZone: string;
  readonly myZone: string;
}) {
  return (
    <When
      at={{ utc, venue: inZone(utc, venueZone), reader: inZone(utc, myZone) }}
      venueZone={venueZone}
      myZone={myZone}
    />
  );
}
