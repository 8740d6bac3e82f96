import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for the two things the photo routes sign without calling S3: a presigned GET URL and a
 * POST policy. Written on node:crypto (a few lines) instead of the SDK's presigners, which would bring the whole S3
 * client into every view that shows a photo; test/unit/adapters/sigv4.test.ts holds it to @smithy/signature-v4.
 */

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

const algorithm = 'AWS4-HMAC-SHA256';
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** `20260501T101500Z` and `20260501`. */
export function amzDates(at: Date): { long: string; short: string } {
  const long = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return { long, short: long.slice(0, 8) };
}

/** The credential scope of S3 in `region` on the day of `at`. */
const scopeOf = (at: Date, region: string) => `${amzDates(at).short}/${region}/s3/aws4_request`;

/** The hex signature of `text` with the day's S3 signing key. */
export function signText(text: string, credentials: SigningCredentials, region: string, at: Date): string {
  let key = hmac(`AWS4${credentials.secretAccessKey}`, amzDates(at).short);
  for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** RFC 3986 encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A presigned GET URL of an object: `base` is the bucket's URL (virtual-hosted, or path-style ending in the bucket).
 *
 * @example presignGet({ base: 'https://b.s3.eu-west-2.amazonaws.com', key: 'photos/u1/p1', region: 'eu-west-2', credentials, signedAt, expiresInSeconds: 1200 })
 */
export function presignGet(input: {
  base: string;
  key: string;
  region: string;
  credentials: SigningCredentials;
  signedAt: Date;
  expiresInSeconds: number;
}): string {
  const url = new URL(input.base);
  const path = `${url.pathname.replace(/\/$/, '')}/${input.key.split('/').map(encode).join('/')}`;
  const { credentials, region, signedAt } = input;
  const query: [string, string][] = [
    ['X-Amz-Algorithm', algorithm],
    ['X-Amz-Credential', `${credentials.accessKeyId}/${scopeOf(signedAt, region)}`],
    ['X-Amz-Date', amzDates(signedAt).long],
    ['X-Amz-Expires', String(input.expiresInSeconds)],
    ...(credentials.sessionToken ? [['X-Amz-Security-Token', credentials.sessionToken] as [string, string]] : []),
    ['X-Amz-SignedHeaders', 'host'],
  ];
  const canonicalQuery = query
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .sort()
    .join('&');
  const canonicalRequest = ['GET', path, canonicalQuery, `host:${url.host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const stringToSign = [
    algorithm,
    amzDates(signedAt).long,
    scopeOf(signedAt, region),
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
  const signature = signText(stringToSign, credentials, region, signedAt);
  return `${url.protocol}//${url.host}${path}?${canonicalQuery}&X-Amz-Signature=${signature}`;
}

/** A condition of a POST policy: `{ field: value }` (exact), or `[operator, '$field' | number, value…]`. */
export type PolicyCondition = Readonly<Record<string, string>> | readonly (string | number)[];

/**
 * The form fields of a presigned POST: `fields` (each also an exact condition) plus the signing fields, the
 * base64 policy and its signature. The browser sends them with the file as the last field.
 *
 * @example signPostPolicy({ bucket: 'b', fields: { key: 'uploads/u1/p1', 'Content-Type': 'image/jpeg' }, conditions: [['content-length-range', 1, 5242880]], … })
 */
export function signPostPolicy(input: {
  bucket: string;
  fields: Readonly<Record<string, string>>;
  conditions: readonly PolicyCondition[];
  region: string;
  credentials: SigningCredentials;
  signedAt: Date;
  expiresAt: Date;
}): Record<string, string> {
  const { credentials, region, signedAt } = input;
  const signing: Record<string, string> = {
    'X-Amz-Algorithm': algorithm,
    'X-Amz-Credential': `${credentials.accessKeyId}/${scopeOf(signedAt, region)}`,
    'X-Amz-Date': amzDates(signedAt).long,
    ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
  };
  const exact = { ...input.fields, ...signing };
  const policy = {
    expiration: input.expiresAt.toISOString(),
    conditions: [
      { bucket: input.bucket },
      ...Object.entries(exact).map(([name, value]) => ({ [name]: value })),
      ...input.conditions,
    ],
  };
  const encoded = Buffer.from(JSON.stringify(policy), 'utf8').toString('base64');
  return { ...exact, Policy: encoded, 'X-Amz-Signature': signText(encoded, credentials, region, signedAt) };
}
