import { IANAZone } from 'luxon';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

// Letters, marks, numbers, punctuation and spaces; no control characters (CR/LF would break email headers).
const noControlCharacters = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u;

/** The most performers one audition slot takes (its reminder is one queue message listing them all). */
export const maxSlotCapacity = 500;

/** A short single-line human text such as a name. */
export const singleLine = (max: number) =>
  z.string().trim().min(1).max(max).regex(noControlCharacters, 'must be a single line of text');

export const personName = singleLine(100).describe('A person’s full name.');

export const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase())
  .describe('An email address.');

/** A phone number in E.164 form; national forms are refused because we cannot guess the country. */
export const phone = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const parsed = value.startsWith('+') ? parsePhoneNumberFromString(value) : undefined;
    if (!parsed?.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'must be a phone number in E.164 form, e.g. +442071838750' });
      return z.NEVER;
    }
    return parsed.number;
  })
  .describe('A phone number in E.164 form, e.g. +442071838750.');

export const timeZone = z
  .string()
  .max(64)
  .refine((value) => IANAZone.isValidZone(value), 'must be an IANA time zone, e.g. Europe/London')
  .describe('An IANA time zone, e.g. Europe/London.');

export const password = z.string().min(8).max(128).describe('At least 8 characters.');
