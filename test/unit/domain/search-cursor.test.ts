import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../src/domain/errors';
import { alreadyListed, readSearchCursor, searchCursor } from '../../../src/domain/search-cursor';
import { searchQuery } from '../../../src/schemas/search';

const key = 'k'.repeat(32);
const query = searchQuery.parse({ q: 'hamlet', from: '2027-01-01', limit: '5' });
const position = { startedAt: '2027-01-01T09:00:00.000Z', after: '2027-01-03T10:00:00.000Z#p1' };
const made = searchCursor(position, query, key);

describe('search cursors', () => {
  it('give back their position for the query that made them, whatever the page size', () => {
    expect(readSearchCursor(made, query, key)).toEqual(position);
    expect(readSearchCursor(made, { ...query, limit: 50 }, key)).toEqual(position);
  });

  it('are refused with another query, another key, or any change', () => {
    const refused =
      (cursor: string, q = query, k = key) =>
      () =>
        readSearchCursor(cursor, q, k);
    expect(refused(made, { ...query, from: '2027-01-02' })).toThrow(InvalidCursorError);
    expect(refused(made, { ...query, includeClosed: true })).toThrow(InvalidCursorError);
    expect(refused(made, { ...query, q: 'hamlet ophelia' })).toThrow(InvalidCursorError);
    expect(refused(made, query, 'x'.repeat(32))).toThrow(InvalidCursorError);
    fc.assert(
      fc.property(fc.nat(made.length - 1), fc.string({ unit: 'binary', minLength: 0, maxLength: 3 }), (at, text) => {
        const changed = made.slice(0, at) + text + made.slice(at + 1);
        fc.pre(changed !== made);
        expect(refused(changed)).toThrow(InvalidCursorError);
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(refused(text)).toThrow(InvalidCursorError);
      }),
      { numRuns: 50 },
    );
  });
});

describe('alreadyListed', () => {
  it('tells whether an entry stood at or before the position when the listing started', () => {
    const starts = (...s: string[]) => ({ performanceId: 'p2', openAuditionStarts: s });
    // First audition after the start was at 2 Jan: before the position, listed (even if re-filed since).
    expect(alreadyListed(starts('2027-01-02T10:00:00.000Z', '2027-01-09T10:00:00.000Z'), position)).toBe(true);
    // Its first audition after the start is after the position: not yet listed.
    expect(alreadyListed(starts('2027-01-04T10:00:00.000Z'), position)).toBe(false);
    // Same instant as the position: the id decides, as in the index.
    expect(alreadyListed(starts('2027-01-03T10:00:00.000Z'), position)).toBe(false);
    expect(alreadyListed({ ...starts('2027-01-03T10:00:00.000Z'), performanceId: 'p0' }, position)).toBe(true);
    // Auditions before the listing started do not count; nor does an entry with none open.
    expect(alreadyListed(starts('2027-01-01T08:00:00.000Z', '2027-01-05T10:00:00.000Z'), position)).toBe(false);
    expect(alreadyListed(starts(), position)).toBe(false);
    expect(alreadyListed({ performanceId: 'p2' }, position)).toBe(false);
  });
});
