import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDirectoryCursor, directoryCursor } from '../../../src/domain/directory-cursor';
import { InvalidCursorError } from '../../../src/domain/errors';
import { readSearchCursor, searchCursor } from '../../../src/domain/search-cursor';
import { readSignedCursor, signCursor } from '../../../src/domain/signed-cursor';

const key = 'k'.repeat(32);
const kind = { label: 'test-cursor/1', maxPayload: 600 };

describe('signed cursors', () => {
  it('give back any JSON value for the query that made them, whatever the page size', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 2 }), fc.string(), (value, q) => {
        const cursor = signCursor(kind, value, { q, limit: 5 }, key);
        fc.pre(cursor.split('.')[0]!.length <= kind.maxPayload);
        expect(readSignedCursor(kind, cursor, { q, limit: 50, cursor: 'ignored' }, key)).toEqual(
          JSON.parse(JSON.stringify(value)),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('are refused under another label, another query, another key, or past the payload size', () => {
    const cursor = signCursor(kind, ['a', 1], { q: 'x' }, key);
    const refused = (run: () => unknown) => expect(run).toThrow(InvalidCursorError);
    refused(() => readSignedCursor({ ...kind, label: 'other/1' }, cursor, { q: 'x' }, key));
    refused(() => readSignedCursor(kind, cursor, { q: 'y' }, key));
    refused(() => readSignedCursor(kind, cursor, { q: 'x', more: true }, key));
    refused(() => readSignedCursor(kind, cursor, { q: 'x' }, 'x'.repeat(32)));
    refused(() => readSignedCursor({ ...kind, maxPayload: 3 }, cursor, { q: 'x' }, key));
  });

  it('of one listing are refused by another, even for the same filters', () => {
    const searchMade = searchCursor(
      { startedAt: '2027-01-01T09:00:00.000Z', after: '2027-01-03T10:00:00.000Z#p1' },
      {} as never,
      key,
    );
    const directoryMade = directoryCursor('ana diaz#u1', {} as never, key);
    expect(() => readDirectoryCursor(searchMade, {} as never, key)).toThrow(InvalidCursorError);
    expect(() => readSearchCursor(directoryMade, {} as never, key)).toThrow(InvalidCursorError);
    expect(readDirectoryCursor(directoryMade, {} as never, key)).toBe('ana diaz#u1');
  });
});
