import { IANAZone } from 'luxon';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

// Letters, marks, numbers, punctuation and spaces; no control characters (CR/LF would break email headers).
const noControlCharacters = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u;

/** A short single-line human text such as a name. */
export const singleLine = (max: number) =>
  z.string().trim().min(1).max(max).regex(noControlCharacters, 'must be a single line of text');

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

export const timeZone = z
  .string()
  .max(64)
  .refine((value) => IANAZone.isValidZone(value), 'must be an IANA time zone, e.g. Europe/London')
  .describe('An IANA time zone, e.g. Europe/London.');

export const password = z.string().min(8).max(128).describe('At least 8 characters.');
