import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { canonicalTimeZone } from '../domain/time-zones';

// Letters, marks, numbers, punctuation and spaces; no control characters (CR/LF would break email headers), no
// format characters (bidi overrides and direction marks can make a name read as something else).
const oneLine = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u;
const oneLineMessage = 'must be one line of text, without line breaks or control characters';

// As above, but line breaks and tabs are text here; emoji joiners too. Checked before trimming, so an edge does not hide one.
const plainText = /^(?:[\t\n\r]|[^\p{Cc}\p{Zl}\p{Zp}\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF])*$/u;

/** A short single-line human text such as a name: no line breaks or control characters, even at its edges. */
export const singleLine = (max: number) => z.string().regex(oneLine, oneLineMessage).trim().min(1).max(max);

/** Optional single-line text that may be empty, such as search words. */
export const lineText = (max: number) => z.string().regex(oneLine, oneLineMessage).trim().max(max);

/** A longer text that may have line breaks (a description, access needs); no other control characters. */
export const multiLine = (max: number) =>
  z.string().regex(plainText, 'must be plain text, without control characters').trim().max(max);

/** The most performers one audition slot takes (its reminder is one queue message listing them all). */
export const maxSlotCapacity = 500;

export const personName = singleLine(100).describe('A person’s full name.');

// Both normalise with `overwrite`, not `transform`, so the output stays a typed string in the OpenAPI document.
export const email = z.email().max(254).toLowerCase().describe('An email address.');

const phoneMessage = 'must be a phone number with its country code, like +44 20 7183 8750';
const parsedPhone = (value: string) => (value.startsWith('+') ? parsePhoneNumberFromString(value) : undefined);

/** A phone number with its country code, stored in E.164 form; national forms are refused (no country to guess). */
export const phone = z
  .string()
  .max(32, phoneMessage)
  .refine((value) => parsedPhone(value)?.isValid() === true, phoneMessage)
  .overwrite((value) => {
    const parsed = parsedPhone(value);
    return parsed?.isValid() ? parsed.number : value;
  })
  .describe('A phone number with its country code, e.g. +442071838750; answered in E.164 form.');

const timeZoneMessage = 'must be a time zone from the IANA list, like Europe/London or America/New_York';

/** An IANA time zone in any case or spelled through a link; stored as its canonical name (`us/pacific` → `America/Los_Angeles`). */
export const timeZone = z
  .string()
  .max(64, timeZoneMessage)
  .refine((value) => canonicalTimeZone(value) !== undefined, timeZoneMessage)
  .overwrite((value) => canonicalTimeZone(value) ?? value)
  .describe('An IANA time zone, e.g. Europe/London; stored and answered as its canonical name.');

export const password = z.string().min(8).max(128).describe('At least 8 characters.');
