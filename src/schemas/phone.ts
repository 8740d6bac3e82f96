import { type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import * as z from 'zod/mini';
import metadataJson from './phone-metadata.json';

// In a module of its own: the phone metadata weighs about 33 KB, and only the routes that read a phone carry it.
// It is libphonenumber-js's min metadata without the formatting patterns (scripts/phone-metadata.mjs), so it
// parses and validates exactly as the full one does but cannot format a number nationally.
const metadata = metadataJson as unknown as MetadataJson;

const phoneMessage = 'must be a phone number with its country code, like +44 20 7183 8750';
const parsedPhone = (value: string) =>
  value.startsWith('+') ? parsePhoneNumberFromString(value, metadata) : undefined;

/** A phone number with its country code, stored in E.164 form; national forms are refused (no country to guess). */
export const phone = z.string().check(
  z.maxLength(32, phoneMessage),
  z.refine((value) => parsedPhone(value)?.isValid() === true, phoneMessage),
  z.overwrite((value) => {
    const parsed = parsedPhone(value);
    return parsed?.isValid() ? parsed.number : value;
  }),
  z.describe('A phone number with its country code, e.g. +442071838750; answered in E.164 form.'),
);
