import { describe, expect, it } from 'vitest';
import { actionsOf, refusal } from '../../../local/runtime/invocation';
import { functionNamed } from '../../../src/manifest';

const resources = { tableName: 't', photoBucket: 'photos' };
const refused = (name: Parameters<typeof functionNamed>[0], command: string, input: Record<string, unknown>) =>
  actionsOf('S3Client', command, input).map((call) => refusal(functionNamed(name), call, resources) !== undefined);

describe('the local runtime holds S3 calls to the manifest’s photo permissions, prefix by prefix', () => {
  it('maps HeadObject to GetObject and a copy to GetObject of the source and PutObject of the target', () => {
    expect(actionsOf('S3Client', 'HeadObjectCommand', { Bucket: 'photos', Key: 'uploads/u/p' })).toEqual([
      { action: 's3:GetObject', resource: 'photos/uploads/u/p' },
    ]);
    expect(
      actionsOf('S3Client', 'CopyObjectCommand', {
        Bucket: 'photos',
        Key: 'photos/u/p',
        CopySource: 'photos/uploads/u/p',
      }),
    ).toEqual([
      { action: 's3:GetObject', resource: 'photos/uploads/u/p' },
      { action: 's3:PutObject', resource: 'photos/photos/u/p' },
    ]);
  });

  it('lets photo-confirm read uploads and write photos, but not delete a confirmed photo', () => {
    expect(refused('photo-confirm', 'HeadObjectCommand', { Bucket: 'photos', Key: 'uploads/u/p' })).toEqual([false]);
    expect(
      refused('photo-confirm', 'CopyObjectCommand', {
        Bucket: 'photos',
        Key: 'photos/u/p',
        CopySource: 'photos/uploads/u/p',
      }),
    ).toEqual([false, false]);
    expect(refused('photo-confirm', 'DeleteObjectCommand', { Bucket: 'photos', Key: 'photos/u/p' })).toEqual([true]);
  });

  it('lets photo-delete delete confirmed photos only, and a view no S3 call at all', () => {
    expect(refused('photo-delete', 'DeleteObjectCommand', { Bucket: 'photos', Key: 'photos/u/p' })).toEqual([false]);
    expect(refused('photo-delete', 'DeleteObjectCommand', { Bucket: 'photos', Key: 'uploads/u/p' })).toEqual([true]);
    expect(refused('photo-delete', 'DeleteObjectCommand', { Bucket: 'other', Key: 'photos/u/p' })).toEqual([true]);
    // photos:read is for signing read URLs; GetObject through the client it would also allow, nothing else.
    expect(refused('me-get', 'PutObjectCommand', { Bucket: 'photos', Key: 'photos/u/p' })).toEqual([true]);
  });
});
