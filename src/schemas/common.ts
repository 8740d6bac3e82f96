import * as z from 'zod/mini';
import { canonicalTimeZone } from '../domain/time-zones';

// The schemas are written with zod/mini, whose functions a bundler can leave out when unused: each Lambda function
// carries only the validation its own route needs (zod's full API weighs over 400 KB in every bundle).

// Letters, marks, numbers, punctuation and spaces; no control characters (CR/LF would break email headers), no
// format characters (bidi overrides and direction marks can make a name read as something else).
const oneLine = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u;
const oneLineMessage = 'must be one line of text, without line breaks or control characters';

// As above, but line breaks and tabs are text here; emoji joiners too. Checked before trimming, so an edge does not hide one.
const plainText = /^(?:[\t\n\r]|[^\p{Cc}\p{Zl}\p{Zp}\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF])*$/u;

/** A short single-line human text such as a name: no line breaks or control characters, even at its edges. */
export const singleLine = (max: number) =>
  z.string().check(z.regex(oneLine, oneLineMessage), z.trim(), z.minLength(1), z.maxLength(max));

/** Optional single-line text that may be empty, such as search words. */
export const lineText = (max: number) => z.string().check(z.regex(oneLine, oneLineMessage), z.trim(), z.maxLength(max));

/** A longer text that may have line breaks (a description, access needs); no other control characters. */
export const multiLine = (max: number) =>
  z.string().check(z.regex(plainText, 'must be plain text, without control characters'), z.trim(), z.maxLength(max));

/** The most performers one audition slot takes (its reminder is one queue message listing them all). */
export const maxSlotCapacity = 500;

export const personName = singleLine(100).check(z.describe('A person’s full name.'));

// Normalised with an overwrite, not a transform, so the output stays a typed string in the OpenAPI document.
export const email = z.email().check(z.maxLength(254), z.toLowerCase(), z.describe('An email address.'));

const timeZoneMessage = 'must be a time zone from the IANA list, like Europe/London or America/New_York';

/** An IANA time zone in any case or spelled through a link; stored as its canonical name (`us/pacific` → `America/Los_Angeles`). */
export const timeZone = z.string().check(
  z.maxLength(64, timeZoneMessage),
  z.refine((value) => canonicalTimeZone(value) !== undefined, timeZoneMessage),
  z.overwrite((value) => canonicalTimeZone(value) ?? value),
  z.describe('An IANA time zone, e.g. Europe/London; stored and answered as its canonical name.'),
);

export const password = z.string().check(z.minLength(8), z.maxLength(128), z.describe('At least 8 characters.'));

export const id = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id of letters, digits, _ or -'), z.describe('An identifier.'));

/** The kinds of performance, the genders and the voice types a character can be cast by. */
export const kinds = ['live', 'filmed'] as const;
export const genders = ['female', 'male', 'non-binary', 'any'] as const;
export const voiceTypes = ['soprano', 'mezzo-soprano', 'alto', 'countertenor', 'tenor', 'baritone', 'bass'] as const;

// Built on first use: the region names take about 15 ms to load, which every route's cold start would pay.
let regionNames: Intl.DisplayNames | undefined;
const regionName = (code: string) => (regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' })).of(code);

const alpha2 = /^[A-Z]{2}$/;

/** An ISO 3166-1 alpha-2 country code, e.g. GB. */
export const countryCode = z.string().check(
  z.regex(alpha2, 'must be a two-letter country code, like GB'),
  // zod runs this check even when the regex failed, and Intl.DisplayNames throws on a malformed code.
  z.refine((code) => !alpha2.test(code) || regionName(code) !== code, 'is not a known country code'),
  z.describe('ISO 3166-1 alpha-2 country code, e.g. GB.'),
);
