import { DateTime } from 'luxon';

const dateTimeFormat: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};
const dateFormat: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };

/**
 * The wall-clock reading of an ISO date-time with offset, as the API sends it (`2027-03-28T10:00+01:00`),
 * in the browser's language: "Sun, 28 Mar 2027, 10:00".
 */
export function wallClock(isoWithOffset: string): string {
  const at = DateTime.fromISO(isoWithOffset, { setZone: true });
  return at.isValid ? at.toLocaleString(dateTimeFormat) : isoWithOffset;
}

/** A zone-less local date-time (`2027-03-28T10:00`) read as written, whatever the browser's zone. */
export function localWallClock(local: string): string {
  const at = DateTime.fromISO(local, { zone: 'UTC' });
  return at.isValid ? at.toLocaleString(dateTimeFormat) : local;
}

/** A calendar date (`2027-03-28`, or the date part of a local date-time) as "Sun, 28 Mar 2027". */
export function calendarDate(value: string): string {
  const at = DateTime.fromISO(value.slice(0, 10), { zone: 'UTC' });
  return at.isValid ? at.toLocaleString(dateFormat) : value;
}

/** An instant (ISO, UTC) as an ISO date-time with offset in `zone`, to pass to `wallClock`. */
export function inZone(utc: string, zone: string): string {
  return DateTime.fromISO(utc, { zone: 'UTC' }).setZone(zone).toISO({ suppressMilliseconds: true }) ?? utc;
}

/** True once the instant has passed. */
export function hasPassed(utc: string, now = Date.now()): boolean {
  return Date.parse(utc) <= now;
}

/** "15 minutes", "1 hour 30 minutes". */
export function duration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (!hours) return part(rest, 'minute');
  return rest ? `${part(hours, 'hour')} ${part(rest, 'minute')}` : part(hours, 'hour');
}
