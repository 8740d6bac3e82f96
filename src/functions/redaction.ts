/** What no log line may hold: personal data in free text, blanked out by every logger of the project. */

// What personal data looks like in free text: an email address, or a phone number in international form.
const emailAddress = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[A-Za-z]{2,}/g;
const phoneNumber = /\+[1-9][\d\s().-]{6,20}\d/g;

/**
 * A log text with email addresses and phone numbers blanked out.
 * @example redacted('no such user bo@example.com') // 'no such user [email]'
 */
export function redacted(text: string): string {
  return text.replace(emailAddress, '[email]').replace(phoneNumber, '[phone]');
}

/** Plain data with every text in it redacted; errors and other class instances (dates, sets) are left as they are. */
export function redactedValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redacted(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactedValue(v, depth + 1));
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactedValue(v, depth + 1)]));
}
