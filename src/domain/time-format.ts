import { DateTime } from 'luxon';

/**
 * Instants written for people: always with the zone's short name, and, where a reader is not at the venue,
 * both their own time and the venue's, so nobody has to convert in their head.
 */

const dateAndTime = 'cccc d LLLL yyyy, HH:mm';

// Short names such as "EDT" or "BST" exist in some English locales only (en-GB writes "GMT-4" for New York,
// en-US "GMT+1" for London). When the reader's locale has none, another English locale's name is used.
const abbreviationLocales = ['en-US', 'en-GB', 'en-AU', 'en-NZ', 'en-IN', 'en-CA'];
const abbreviation = /^[A-Z]{2,5}$/;

function inZone(instant: Date, zone: string, locale: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone }).setLocale(locale);
  if (!local.isValid) throw new RangeError(`Cannot show ${instant.toISOString()} in zone ${zone}`);
  return local;
}

/**
 * The zone's short name at that instant: a common abbreviation when there is one, else the offset.
 * @example zoneAbbreviation(new Date('2027-03-28T09:00:00Z'), 'Asia/Kathmandu') // 'GMT+5:45'
 */
export function zoneAbbreviation(instant: Date, zone: string, locale = 'en-GB'): string {
  const own = inZone(instant, zone, locale).offsetNameShort ?? '';
  if (abbreviation.test(own)) return own;
  const other = abbreviationLocales
    .map((candidate) => inZone(instant, zone, candidate).offsetNameShort ?? '')
    .find((name) => abbreviation.test(name));
  return other ?? own;
}

/**
 * The time of day with the zone's short name.
 * @example formatTimeInZone(new Date('2027-03-28T09:00:00Z'), 'Europe/London') // '10:00 BST'
 */
export function formatTimeInZone(instant: Date, zone: string, locale = 'en-GB'): string {
  return `${inZone(instant, zone, locale).toFormat('HH:mm')} ${zoneAbbreviation(instant, zone, locale)}`;
}

/**
 * The full date and time in a zone, with the zone's short name.
 * @example formatInZone(new Date('2027-03-28T09:00:00Z'), 'Europe/London') // 'Sunday 28 March 2027, 10:00 BST'
 */
export function formatInZone(instant: Date, zone: string, locale = 'en-GB'): string {
  return `${inZone(instant, zone, locale).toFormat(dateAndTime)} ${zoneAbbreviation(instant, zone, locale)}`;
}

/**
 * One line for a reader: their own time first, and the venue's in brackets when it reads differently
 * (the venue's date is left out when it is the same date).
 *
 * @example
 * formatForRecipient(new Date('2027-03-28T09:00:00Z'), 'America/Los_Angeles', 'Europe/London')
 *   // 'Sunday 28 March 2027, 02:00 PDT your time (10:00 BST at the venue)'
 * formatForRecipient(new Date('2027-03-28T20:00:00Z'), 'America/Chicago', 'Asia/Tokyo')
 *   // 'Sunday 28 March 2027, 15:00 CDT your time (Monday 29 March 2027, 05:00 GMT+9 at the venue)'
 */
export function formatForRecipient(instant: Date, recipientZone: string, venueZone: string, locale = 'en-GB'): string {
  const theirs = formatInZone(instant, recipientZone, locale);
  const venues = formatInZone(instant, venueZone, locale);
  if (theirs === venues) return theirs;
  const sameDate =
    inZone(instant, recipientZone, locale).toISODate() === inZone(instant, venueZone, locale).toISODate();
  const atVenue = sameDate ? formatTimeInZone(instant, venueZone, locale) : venues;
  return `${theirs} your time (${atVenue} at the venue)`;
}
