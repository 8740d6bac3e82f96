import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { singleLine } from '../../../src/schemas/common';
import { phone } from '../../../src/schemas/phone';
import { countryCode, localDateTime, performanceInput } from '../../../src/schemas/performance';
import { signUpInput } from '../../../src/schemas/signup';
import { searchQuery } from '../../../src/schemas/search';

const body = (changes: Record<string, unknown> = {}) => ({
  title: 'Hamlet',
  description: 'A bold staging.\nTwo lines.',
  kind: 'live',
  director: { name: 'Ann Director', email: 'ann@example.com', phone: '+442071838750' },
  castingDirector: { name: 'Cas Ting', email: 'cas@example.com', phone: '+442071838751' },
  venue: {
    name: 'The Globe',
    address: '21 New Globe Walk, London SE1 9DT',
    city: 'London',
    country: 'GB',
    timeZone: 'Europe/London',
  },
  dates: ['2031-06-01T19:30'],
  characters: [{ name: 'Hamlet', description: 'The prince.\r\nTroubled.' }],
  slots: [
    { start: '2031-05-01T10:00', durationMinutes: 30, capacity: 5, location: { name: 'Room 1', address: '1 Side St' } },
  ],
  ...changes,
});

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);

/** One character that has no place in a line of text: C0 (NUL, CR, LF…), DEL, C1, bidi and direction marks. */
const lineBreaker = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0009',
  '\n',
  '\r',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u009F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u2028',
  '\u2029',
);
/** One that has no place in any text, multi-line included (line breaks and tabs are fine there). */
const textBreaker = lineBreaker.filter((c) => !['\n', '\r', '\u0009'].includes(c));

const at = (text: string, c: string, where: number) => {
  const i = where % (text.length + 1);
  return text.slice(0, i) + c + text.slice(i);
};

describe('single-line and multi-line text', () => {
  it('refuses control characters in every single-line field, in plain words', () => {
    const fields: [string, (v: string) => Record<string, unknown>][] = [
      ['title', (v) => ({ title: v })],
      ['director.name', (v) => ({ director: { ...body().director, name: v } })],
      ['venue.name', (v) => ({ venue: { ...body().venue, name: v } })],
      ['venue.city', (v) => ({ venue: { ...body().venue, city: v } })],
      ['venue.address', (v) => ({ venue: { ...body().venue, address: v } })],
      ['characters.0.name', (v) => ({ characters: [{ name: v }] })],
      ['slots.0.location.name', (v) => ({ slots: [{ ...body().slots[0], location: { name: v, address: 'x' } }] })],
      ['slots.0.location.address', (v) => ({ slots: [{ ...body().slots[0], location: { name: 'R', address: v } }] })],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...fields), lineBreaker, fc.nat(), ([path, change], c, where) => {
        const result = performanceInput.safeParse(body(change(at('Hamlet', c, where))));
        expect(result.success).toBe(false);
        expect(issues(result)).toEqual([
          `${path}: must be one line of text, without line breaks or control characters`,
        ]);
      }),
    );
  });

  it('takes line breaks in multi-line fields (descriptions, access needs) but no other controls', () => {
    expect(performanceInput.safeParse(body()).success).toBe(true);
    const fields: [string, (v: string) => Record<string, unknown>][] = [
      ['description', (v) => ({ description: v })],
      ['characters.0.description', (v) => ({ characters: [{ name: 'Hamlet', description: v }] })],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...fields), textBreaker, fc.nat(), ([path, change], c, where) => {
        const result = performanceInput.safeParse(body(change(at('Line one\nLine two', c, where))));
        expect(issues(result)).toEqual([`${path}: must be plain text, without control characters`]);
      }),
    );
    expect(signUpInput.safeParse({ slotId: 's', characterIds: ['c'], accessNeeds: 'Ramp\nplease' }).success).toBe(true);
    expect(signUpInput.safeParse({ slotId: 's', characterIds: ['c'], accessNeeds: 'Ramp\u0000' }).success).toBe(false);
  });

  it('refuses control characters in the search’s words and city', () => {
    expect(searchQuery.safeParse({ q: 'hamlet\u0000' }).success).toBe(false);
    expect(searchQuery.safeParse({ city: 'Lon\u202Edon', country: 'GB' }).success).toBe(false);
    expect(singleLine(10).safeParse('Fine name').success).toBe(true);
  });
});

describe('dates', () => {
  it('refuses slots and performance dates outside the years 2000–2099, in plain words', () => {
    for (const start of ['0000-01-01T10:00', '1999-12-31T23:59', '2100-01-01T00:00', '9999-12-31T10:00']) {
      expect(issues(localDateTime.safeParse(start))).toEqual([': must be in the years 2000 to 2099']);
      expect(performanceInput.safeParse(body({ slots: [{ ...body().slots[0], start }] })).success).toBe(false);
      expect(performanceInput.safeParse(body({ dates: [start] })).success).toBe(false);
    }
    expect(localDateTime.safeParse('2000-01-01T00:00').success).toBe(true);
    expect(localDateTime.safeParse('2099-12-31T23:59').success).toBe(true);
  });
});

describe('field errors in plain words', () => {
  it('says what to do, not the jargon of the rule', () => {
    const messages = [
      ...issues(phone.safeParse('020 7183 8750')),
      ...issues(countryCode.safeParse('gb')),
      ...issues(
        performanceInput.safeParse(body({ characters: [{ name: 'Hamlet', attributes: { ageMin: 40, ageMax: 20 } }] })),
      ),
      ...issues(searchQuery.safeParse({ from: '2031-02-01', to: '2031-01-01' })),
      ...issues(localDateTime.safeParse('tomorrow')),
    ];
    expect(messages).toEqual([
      ': must be a phone number with its country code, like +44 20 7183 8750',
      ': must be a two-letter country code, like GB',
      'characters.0.attributes.ageMin: the youngest playing age must not be above the oldest',
      'from: the first date must not be after the last',
      ': must be a date and time like 2027-03-28T10:00',
    ]);
    for (const message of messages) expect(message).not.toMatch(/E\.164|ISO|ageMax|alpha-2/);
  });
});
