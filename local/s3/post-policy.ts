/**
 * The checks S3 makes of a browser's POST upload against its signed policy, for the local stand-in (fauxqs stores
 * objects but knows nothing of POST policies). Pure: the form, the file's size and the time in, a refusal out.
 */

/** A POST policy as its base64 `Policy` field decodes. */
export interface PostPolicy {
  readonly expiration: string;
  readonly conditions: readonly (Readonly<Record<string, unknown>> | readonly unknown[])[];
}

/** Why S3 refuses an upload: its error code and message (403 for policy failures, 400 for the size). */
export interface PostRefusal {
  readonly status: 400 | 403;
  readonly code: 'AccessDenied' | 'EntityTooLarge' | 'EntityTooSmall' | 'InvalidPolicyDocument';
  readonly message: string;
}

/** Fields S3 never holds to a condition. */
const exempt = new Set(['policy', 'x-amz-signature', 'file']);

const denied = (message: string): PostRefusal => ({
  status: 403,
  code: 'AccessDenied',
  message: `Invalid according to Policy: ${message}`,
});

/**
 * Whether S3 would accept this upload under `policy` at `now`: not expired, every condition met (exact values,
 * `eq`, `starts-with`, `content-length-range`), and no form field that no condition names. Field names compare
 * case-insensitively, as S3's do; `bucket` is the bucket the form was posted to.
 *
 * @example checkPostPolicy(policy, { bucket: 'b', fields: { key: 'uploads/u1/p1', … }, size: 2048, now }) // undefined (accepted)
 */
export function checkPostPolicy(
  policy: PostPolicy,
  upload: { bucket: string; fields: Readonly<Record<string, string>>; size: number; now: Date },
): PostRefusal | undefined {
  const expiry = Date.parse(policy.expiration);
  if (!Number.isFinite(expiry)) {
    return { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: no valid expiration' };
  }
  if (expiry < upload.now.getTime()) return denied('Policy expired.');
  const fields = new Map(Object.entries(upload.fields).map(([name, value]) => [name.toLowerCase(), value]));
  fields.set('bucket', upload.bucket);
  const named = new Set<string>(['bucket']);
  const valueOf = (field: unknown) => fields.get(String(field).replace(/^\$/, '').toLowerCase());
  for (const condition of policy.conditions) {
    if (!Array.isArray(condition)) {
      for (const [name, value] of Object.entries(condition)) {
        named.add(name.toLowerCase());
        if (valueOf(name) !== value) return denied(`Policy Condition failed: ["eq", "$${name}", "${String(value)}"]`);
      }
      continue;
    }
    const [operator, field, value] = condition as unknown[];
    if (operator === 'content-length-range') {
      const [min, max] = [Number(field), Number(value)];
      if (upload.size > max) {
        return {
          status: 400,
          code: 'EntityTooLarge',
          message: 'Your proposed upload exceeds the maximum allowed size',
        };
      }
      if (upload.size < min) {
        return {
          status: 400,
          code: 'EntityTooSmall',
          message: 'Your proposed upload is smaller than the minimum allowed size',
        };
      }
      continue;
    }
    const name = String(field).replace(/^\$/, '').toLowerCase();
    named.add(name);
    const actual = valueOf(field) ?? '';
    const holds =
      operator === 'eq' ? actual === value : operator === 'starts-with' ? actual.startsWith(String(value)) : false;
    if (!holds)
      return denied(`Policy Condition failed: ["${String(operator)}", "${String(field)}", "${String(value)}"]`);
  }
  const extra = [...fields.keys()].filter(
    (name) => !named.has(name) && !exempt.has(name) && !name.startsWith('x-ignore-'),
  );
  if (extra.length) return denied(`Extra input fields: ${extra.join(', ')}`);
  return undefined;
}
