import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json';
import fullMetadata from 'libphonenumber-js/metadata.min.json';
import { describe, expect, it } from 'vitest';
import { validationMetadata } from '../../../scripts/phone-metadata';
import committed from '../../../src/schemas/phone-metadata.json';
import { phone } from '../../../src/schemas/phone';

/** What the package's own entry point (the min metadata, formats and all) answers: the E.164 form, or refused. */
function reference(value: string): string | undefined {
  if (!value.startsWith('+') || value.length > 32) return undefined;
  const parsed = parsePhoneNumberFromString(value);
  return parsed?.isValid() ? parsed.number : undefined;
}

function answer(value: string): string | undefined {
  const result = phone.safeParse(value);
  return result.success ? result.data : undefined;
}

const callingCodes = Object.keys(fullMetadata.country_calling_codes);
const byCountry = fullMetadata.countries as Record<string, readonly unknown[]>;
const exampleNumbers = Object.entries(examples as Record<string, string>).map(
  ([country, national]) => `+${String(byCountry[country]?.[0])}${national}`,
);
const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');

describe('phone', () => {
  it('validates with metadata that matches the installed libphonenumber-js (else run npm run phone-metadata)', () => {
    expect(committed).toEqual(validationMetadata());
  });

  it("takes every country's example mobile number, as the full metadata does", () => {
    expect(exampleNumbers.length).toBeGreaterThan(200);
    for (const value of exampleNumbers) expect(answer(value), value).toBe(reference(value));
    expect(exampleNumbers.filter((value) => answer(value) !== undefined).length).toBeGreaterThan(200);
  });

  it('answers numbers near the examples (digits changed, dropped or added) as the full metadata does', () => {
    const near = fc
      .tuple(
        fc.constantFrom(...exampleNumbers),
        fc.array(fc.tuple(fc.nat(), digit), { maxLength: 4 }),
        fc.integer({ min: -2, max: 2 }),
        fc.array(digit, { maxLength: 2 }),
      )
      .map(([example, changes, cut, added]) => {
        const digits = [...example.slice(1)];
        for (const [at, to] of changes) digits[1 + (at % (digits.length - 1))] = to;
        return `+${digits.slice(0, digits.length + Math.min(cut, 0)).join('')}${cut > 0 ? added.join('') : ''}`;
      });
    let valid = 0;
    fc.assert(
      fc.property(near, (value) => {
        const expected = reference(value);
        if (expected !== undefined) valid += 1;
        expect(answer(value)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(valid).toBeGreaterThan(300);
  });

  it('answers any number after a calling code as the full metadata does', () => {
    const written = fc
      .tuple(
        fc.constantFrom(...callingCodes),
        fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ', '-', '(', ')'), {
          minLength: 1,
          maxLength: 16,
        }),
        fc.constantFrom('', ' ext. 12', ';ext=7'),
      )
      .map(([code, rest, extension]) => `+${code}${rest.join('')}${extension}`);
    fc.assert(
      fc.property(written, (value) => {
        expect(answer(value)).toBe(reference(value));
      }),
      { numRuns: 3000 },
    );
  });
});
