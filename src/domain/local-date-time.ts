/** A reading of a wall clock: a date and a time of day, in no zone. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second?: number;
}

/**
 * Whether a wall-clock reading names a real date and time on the calendar, with no time zone involved: a month of
 * 1–12, a day the month has (29 February only in leap years), an hour of 0–23 or exactly 24:00:00 (the end of the
 * day, as ISO 8601 allows), minutes and seconds of 0–59.
 *
 * In a module of its own, apart from the zone conversions: a schema that checks a date needs no time-zone library.
 *
 * @example isCalendarDateTime({ year: 2028, month: 2, day: 29, hour: 10, minute: 0 }) // true
 * @example isCalendarDateTime({ year: 2027, month: 2, day: 29, hour: 10, minute: 0 }) // false
 */
export function isCalendarDateTime(clock: WallClock): boolean {
  const { year, month, day, hour, minute, second = 0 } = clock;
  if (![year, month, day, hour, minute, second].every(Number.isInteger)) return false;
  const endOfDay = hour === 24 && minute === 0 && second === 0;
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    ((hour >= 0 && hour <= 23) || endOfDay) &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
