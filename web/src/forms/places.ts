/** Choices for time zone and country pickers, from the browser's own Intl data. */

/** The browser's time zone, e.g. `Europe/London`; `UTC` when it cannot tell. */
export function detectedTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

let zones: readonly string[] | undefined;

/** Every IANA zone the browser knows, plus UTC, sorted. */
export function timeZones(): readonly string[] {
  let known: string[] = [];
  try {
    known = Intl.supportedValuesOf('timeZone');
  } catch {
    // An older browser: offer at least this device's zone (the API checks any zone typed elsewhere).
  }
  zones ??= [...new Set([...known, detectedTimeZone(), 'UTC'])].sort();
  return zones;
}

export interface Country {
  readonly code: string;
  readonly name: string;
}

let countryList: readonly Country[] | undefined;

// Codes Intl can name that are not countries (unions, pseudo-locales, "unknown").
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

/**
 * Every ISO 3166-1 alpha-2 country the browser can name, by name. The API accepts the codes that
 * `Intl.DisplayNames` knows (`countryCode` in src/schemas/performance.ts), so every choice here is valid there.
 */
export function countries(): readonly Country[] {
  if (countryList) return countryList;
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const found: Country[] = [];
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      const name = names.of(code);
      if (name && name !== code && !notCountries.has(code)) found.push({ code, name });
    }
  }
  countryList = found.sort((x, y) => x.name.localeCompare(y.name));
  return countryList;
}

/** A country's name for its code, e.g. `GB` → `United Kingdom`. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
