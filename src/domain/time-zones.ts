/**
 * Time-zone names: every zone the product stores is a canonical IANA name, so that one place is never spelled
 * three ways (`Europe/London`, `europe/london`, `GB`).
 */

/**
 * Zones the JavaScript engine still knows but the IANA database has removed: taking them would store a name that
 * other systems (calendars, the next Node.js) refuse.
 */
const removedZones = new Set(['us/pacific-new', 'canada/east-saskatchewan']);

/**
 * Where the engine's list (ICU/CLDR) keeps an old spelling that IANA now treats as a link to a renamed zone.
 */
const ianaRenames: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/**
 * The engine's canonical zones by lower-case name; `UTC` stands for UTC, `Etc/UTC`, `GMT` and the like. Built on
 * first use, not at every cold start.
 */
let zonesByLowerCase: Map<string, string> | undefined;
const canonicalZones = () =>
  (zonesByLowerCase ??= new Map(
    ['UTC', ...Intl.supportedValuesOf('timeZone')].map((zone) => [zone.toLowerCase(), zone]),
  ));

const zoneNameShape = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/**
 * The canonical IANA name of a time zone given in any case or through a link, or `undefined` when it names no
 * zone (or one IANA has removed). An engine that does not resolve links gets a link refused rather than stored.
 *
 * @example canonicalTimeZone('us/pacific') // 'America/Los_Angeles'
 * @example canonicalTimeZone('Etc/UTC') // 'UTC'
 * @example canonicalTimeZone('US/Pacific-New') // undefined
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (!zoneNameShape.test(name) || removedZones.has(name.toLowerCase())) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  const known = canonicalZones().get(resolved.toLowerCase());
  return known === undefined ? undefined : (ianaRenames[known] ?? known);
}
