import type { DirectoryQuery } from './directory-search';
import type { CursorKind } from './signed-cursor';
import { invalidCursor, readSignedCursor, signCursor } from './signed-cursor';

// An index position: `<sort name>#<performer id>` (the name may itself hold '#'; the id never does).
const position = /^[^\p{Cc}]{0,100}#[\w-]{1,64}$/u;
// The label sets a directory cursor apart from a performance-search one.
const kind: CursorKind = { label: 'directory-cursor/1', maxPayload: 600 };

/**
 * The opaque `next` cursor of a directory page: the index position, signed together with the query that made it,
 * so it cannot be changed or used with another query.
 *
 * @example directoryCursor('ana diaz#u1', query, key) // 'ImFuYS….Qx7…'
 */
export function directoryCursor(after: string, query: DirectoryQuery, key: string): string {
  return signCursor(kind, after, query, key);
}

/**
 * The position a cursor holds, if this API made it for this query with this key; otherwise InvalidCursorError.
 *
 * @example readDirectoryCursor(page.next, query, key) // 'ana diaz#u1'
 */
export function readDirectoryCursor(cursor: string, query: DirectoryQuery, key: string): string {
  const after = readSignedCursor(kind, cursor, query, key);
  if (typeof after !== 'string' || !position.test(after)) throw invalidCursor();
  return after;
}
