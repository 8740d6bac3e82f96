import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from './errors';

/** The query a cursor is bound to: every filter, in a fixed order; the page size may change between pages. */
function binding(query: object): string {
  const filters = Object.entries(query)
    .filter(([name, value]) => name !== 'cursor' && name !== 'limit' && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(filters);
}

const signature = (label: string, payload: string, query: object, key: string) =>
  createHmac('sha256', key)
    .update(`${label}\n${binding(query)}\n${payload}`)
    .digest();

/** A listing's kind of cursor: its label (signed, so no other listing's cursor passes) and its payload's size. */
export interface CursorKind {
  readonly label: string;
  /** The longest base64url payload a cursor of this kind can hold. */
  readonly maxPayload: number;
}

/**
 * An opaque cursor: `value` as base64url JSON, signed together with the query that made it and the kind's label,
 * so it cannot be changed, or used with another query or another listing.
 *
 * @example signCursor({ label: 'directory-cursor/1', maxPayload: 600 }, 'ana diaz#u1', query, key) // 'ImFuYS….Qx7…'
 */
export function signCursor(kind: CursorKind, value: unknown, query: object, key: string): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${signature(kind.label, payload, query, key).toString('base64url')}`;
}

/**
 * The value a cursor holds, if `signCursor` made it for this kind and query with this key; otherwise
 * InvalidCursorError (also for a cursor made before the key changed). The caller checks the value's shape.
 *
 * @example readSignedCursor(kind, page.next, query, key) // 'ana diaz#u1'
 */
export function readSignedCursor(kind: CursorKind, cursor: string, query: object, key: string): unknown {
  const shape = new RegExp(`^[\\w-]{1,${kind.maxPayload}}\\.[\\w-]{43}$`);
  if (!shape.test(cursor)) throw invalidCursor();
  const [payload = '', mac = ''] = cursor.split('.');
  const given = Buffer.from(mac, 'base64url');
  const expected = signature(kind.label, payload, query, key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
}

/** The problem a cursor this API did not make (or whose value has the wrong shape) gets. */
export const invalidCursor = () =>
  new InvalidCursorError('This cursor was not made by this search; start the search again.');
