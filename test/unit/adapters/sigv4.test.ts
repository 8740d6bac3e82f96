import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { presignGet, signPostPolicy, signText } from '../../../src/adapters/s3/sigv4';

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData) =>
  typeof data === 'string'
    ? Buffer.from(data)
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** The SDK's signer, as the oracle: node:crypto behind its hash interface. */
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData) {
    this.hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const signedAt = new Date('2026-05-01T10:10:00Z');

/** The SDK's presigned GET for the same object, with S3's unsigned payload and nothing but host signed. */
async function sdkPresign(host: string, path: string, sessionToken?: string) {
  const signer = new SignatureV4({
    credentials: { ...credentials, ...(sessionToken ? { sessionToken } : {}) },
    region: 'eu-west-2',
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: host,
      path,
      headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      query: {},
    },
    {
      signingDate: signedAt,
      expiresIn: 1200,
      unhoistableHeaders: new Set(['x-amz-content-sha256']),
      unsignableHeaders: new Set(['x-amz-content-sha256']),
    },
  );
  return signed.query as Record<string, string>;
}

describe('SigV4 on node:crypto', () => {
  it.each([undefined, 'session/token+with=odd chars'])(
    'presigns a GET as the SDK does (session token %s)',
    async (token) => {
      const url = new URL(
        presignGet({
          base: 'https://photos-1.s3.eu-west-2.amazonaws.com',
          key: 'photos/u-1/p_1',
          region: 'eu-west-2',
          credentials: { ...credentials, ...(token ? { sessionToken: token } : {}) },
          signedAt,
          expiresInSeconds: 1200,
        }),
      );
      const expected = await sdkPresign('photos-1.s3.eu-west-2.amazonaws.com', '/photos/u-1/p_1', token);
      expect(Object.fromEntries(url.searchParams)).toEqual(expected);
      expect(url.pathname).toBe('/photos/u-1/p_1');
    },
  );

  it('presigns a path-style GET under an endpoint override with its port in the host', async () => {
    const url = new URL(
      presignGet({
        base: 'http://127.0.0.1:4566/bucket',
        key: 'photos/u1/p1',
        region: 'eu-west-2',
        credentials,
        signedAt,
        expiresInSeconds: 1200,
      }),
    );
    expect(url.pathname).toBe('/bucket/photos/u1/p1');
    const expected = await sdkPresign('127.0.0.1:4566', '/bucket/photos/u1/p1');
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expected['X-Amz-Signature']);
  });

  it('signs a POST policy with the day’s signing key, as the SDK signs a string', async () => {
    const fields = signPostPolicy({
      bucket: 'photos-1',
      fields: { key: 'uploads/u1/p1', 'Content-Type': 'image/jpeg' },
      conditions: [['content-length-range', 1, 2048]],
      region: 'eu-west-2',
      credentials,
      signedAt,
      expiresAt: new Date('2026-05-01T10:20:00Z'),
    });
    const signer = new SignatureV4({ credentials, region: 'eu-west-2', service: 's3', sha256: Sha256 });
    expect(fields['X-Amz-Signature']).toBe(await signer.sign(fields.Policy ?? '', { signingDate: signedAt }));
    expect(signText(fields.Policy ?? '', credentials, 'eu-west-2', signedAt)).toBe(fields['X-Amz-Signature']);
    const policy = JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString()) as { conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: 'photos-1' },
        { key: 'uploads/u1/p1' },
        { 'Content-Type': 'image/jpeg' },
        ['content-length-range', 1, 2048],
        { 'X-Amz-Credential': 'AKIDEXAMPLE/20260501/eu-west-2/s3/aws4_request' },
      ]),
    );
  });
});
