import type { SearchQuery } from './search-plan';
import type { CursorKind } from './signed-cursor';
import { invalidCursor, readSignedCursor, signCursor } from './signed-cursor';

/**
 * Where a search listing stands: when its first page was read, and the index position (`<next audition>#<id>`)
 * of the last entry it has passed.
 */
export interface ListingPosition {
  readonly startedAt: string;
  readonly after: string;
}

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const indexPosition = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[\w-]{1,64}$/;
const kind: CursorKind = { label: 'search-cursor/1', maxPayload: 400 };

/**
 * The opaque `next` cursor of a search page: the position, signed together with the query that made it, so it
 * cannot be changed or used with another query.
 *
 * @example searchCursor({ startedAt: '2027-01-01T09:00:00.000Z', after: '2027-01-03T10:00:00.000Z#p1' }, query, key) // 'WyIy….Qx7…'
 */
export function searchCursor(position: ListingPosition, query: SearchQuery, key: string): string {
  return signCursor(kind, [position.startedAt, position.after], query, key);
}

/**
 * The position a cursor holds, if this API made it for this query with this key; otherwise InvalidCursorError
 * (also for a cursor made before the key changed).
 *
 * @example readSearchCursor(page.next, query, key) // { startedAt: '2027-01-01T09:00:00.000Z', after: '2027-01-03T10:00:00.000Z#p1' }
 */
export function readSearchCursor(cursor: string, query: SearchQuery, key: string): ListingPosition {
  const fields = readSignedCursor(kind, cursor, query, key);
  if (!Array.isArray(fields) || fields.length !== 2) throw invalidCursor();
  const [startedAt, after] = fields as unknown[];
  if (typeof startedAt !== 'string' || !instant.test(startedAt)) throw invalidCursor();
  if (typeof after !== 'string' || !indexPosition.test(after)) throw invalidCursor();
  return { startedAt, after };
}

/**
 * Whether a listing has already passed an entry: where the entry stood when the listing started (its first
 * open audition after that instant) is at or before the listing's position. An entry re-filed further on since
 * (its audition at the page boundary has begun) is then not shown twice.
 *
 * @example alreadyListed({ performanceId: 'p1', openAuditionStarts: ['2027-01-02T10:00:00.000Z', '2027-01-09T10:00:00.000Z'] }, position) // true when position.after ≥ '2027-01-02T10:00:00.000Z#p1'
 */
export function alreadyListed(
  entry: { readonly performanceId: string; readonly openAuditionStarts?: readonly string[] },
  position: ListingPosition,
): boolean {
  const then = entry.openAuditionStarts?.find((start) => start > position.startedAt);
  return then !== undefined && `${then}#${entry.performanceId}` <= position.after;
}
