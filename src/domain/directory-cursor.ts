import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DirectoryQuery } from './directory-search';
import { InvalidCursorError } from './errors';

// An index position: `<sort name>#<performer id>` (the name may itself hold '#'; the id never does).
const position = /^[^\p{Cc}]{0,100}#[\w-]{1,64}$/u;
const shape = /^[\w-]{1,600}\.[\w-]{43}$/;

/** The query a cursor is bound to: every filter, in a fixed order; the page size may change between pages. */
function binding(query: DirectoryQuery): string {
  const filters = Object.entries(query)
    .filter(([name, value]) => name !== 'cursor' && name !== 'limit' && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(filters);
}

const signature = (payload: string, query: DirectoryQuery, key: string) =>
  createHmac('sha256', key)
    .update(`directory-cursor/1\n${binding(query)}\n${payload}`)
    .digest();

/**
 * The opaque `next` cursor of a directory page: the index position, signed together with the query that made it
 * (and a label no performance-search cursor has), so it cannot be changed or used with another query.
 *
 * @example directoryCursor('ana diaz#u1', query, key) // 'ImFuYS….Qx7…'
 */
export function directoryCursor(after: string, query: DirectoryQuery, key: string): string {
  const payload = Buffer.from(JSON.stringify(after)).toString('base64url');
  return `${payload}.${signature(payload, query, key).toString('base64url')}`;
}

/**
 * The position a cursor holds, if this API made it for this query with this key; otherwise InvalidCursorError.
 *
 * @example readDirectoryCursor(page.next, query, key) // 'ana diaz#u1'
 */
export function readDirectoryCursor(cursor: string, query: DirectoryQuery, key: string): string {
  const refuse = () => new InvalidCursorError('This cursor was not made by this search; start the search again.');
  if (!shape.test(cursor)) throw refuse();
  const [payload = '', mac = ''] = cursor.split('.');
  const given = Buffer.from(mac, 'base64url');
  const expected = signature(payload, query, key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse();
  let after: unknown;
  try {
    after = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (typeof after !== 'string' || !position.test(after)) throw refuse();
  return after;
}
