/**
 * DynamoDB's item size rules, for items as the document client holds them (plain values, Sets, Uint8Arrays):
 * attribute names count their UTF-8 bytes; strings their UTF-8 bytes; numbers about one byte per two
 * significant digits plus one; booleans and nulls one byte; lists and maps three bytes plus one per element
 * beside the elements themselves.
 */
export function attributeSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value)
      .replace(/[-.]|e.*$/gi, '')
      .replace(/^0+|0+$/g, '').length;
    return Math.ceil(Math.max(1, digits) / 2) + 1;
  }
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((n: number, v) => n + attributeSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + attributeSize(v), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value).reduce((n, [k, v]) => n + 1 + Buffer.byteLength(k, 'utf8') + attributeSize(v), 0);
  }
  return 0;
}

/** The size of an item in bytes, as DynamoDB bills it. */
export function itemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce(
    (n, [name, value]) => n + Buffer.byteLength(name, 'utf8') + attributeSize(value),
    0,
  );
}

/** Write units for an item of `bytes` (1 KB each, rounded up); transactions pay twice. */
export const writeUnits = (bytes: number, transactional: boolean) =>
  Math.max(1, Math.ceil(bytes / 1024)) * (transactional ? 2 : 1);
