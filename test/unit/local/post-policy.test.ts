import { describe, expect, it } from 'vitest';
import type { PostPolicy } from '../../../local/s3/post-policy';
import { checkPostPolicy } from '../../../local/s3/post-policy';

const now = new Date('2026-05-01T10:05:00Z');
const policy: PostPolicy = {
  expiration: '2026-05-01T10:10:00.000Z',
  conditions: [
    { bucket: 'photos' },
    { key: 'uploads/u1/p1' },
    { 'Content-Type': 'image/jpeg' },
    { 'X-Amz-Date': '20260501T100000Z' },
    ['content-length-range', 1, 1000],
  ],
};
const fields = {
  key: 'uploads/u1/p1',
  'Content-Type': 'image/jpeg',
  'X-Amz-Date': '20260501T100000Z',
  Policy: 'e30=',
  'X-Amz-Signature': 'abc',
};
const check = (change: Partial<{ fields: Record<string, string>; size: number; now: Date; bucket: string }> = {}) =>
  checkPostPolicy(policy, { bucket: 'photos', fields, size: 500, now, ...change });

describe('the local S3’s POST policy check', () => {
  it('accepts an upload that meets every condition, field names in any case', () => {
    expect(check()).toBeUndefined();
    expect(check({ fields: { ...fields, 'content-type': 'image/jpeg' } })).toBeUndefined();
    expect(check({ size: 1000 })).toBeUndefined();
  });

  it('refuses another key, type or bucket, as S3 does', () => {
    expect(check({ fields: { ...fields, key: 'uploads/u2/p1' } })?.code).toBe('AccessDenied');
    expect(check({ fields: { ...fields, 'Content-Type': 'text/html' } })?.message).toContain('$Content-Type');
    expect(check({ bucket: 'other' })?.status).toBe(403);
  });

  it('refuses a file outside the content-length-range', () => {
    expect(check({ size: 1001 })).toMatchObject({ status: 400, code: 'EntityTooLarge' });
    expect(check({ size: 0 })).toMatchObject({ status: 400, code: 'EntityTooSmall' });
  });

  it('refuses an expired policy and a field no condition names', () => {
    expect(check({ now: new Date('2026-05-01T10:10:01Z') })?.message).toContain('expired');
    expect(check({ fields: { ...fields, acl: 'public-read' } })?.message).toContain('Extra input fields: acl');
    expect(check({ fields: { ...fields, 'x-ignore-me': '1' } })).toBeUndefined();
  });

  it('checks starts-with and eq conditions', () => {
    const prefixed: PostPolicy = {
      ...policy,
      conditions: [
        ['starts-with', '$key', 'uploads/u1/'],
        ['eq', '$Content-Type', 'image/jpeg'],
      ],
    };
    const at = { bucket: 'photos', size: 1, now };
    expect(
      checkPostPolicy(prefixed, { ...at, fields: { key: 'uploads/u1/x', 'Content-Type': 'image/jpeg' } }),
    ).toBeUndefined();
    expect(
      checkPostPolicy(prefixed, { ...at, fields: { key: 'uploads/u2/x', 'Content-Type': 'image/jpeg' } })?.code,
    ).toBe('AccessDenied');
  });
});
