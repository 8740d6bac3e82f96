import { describe, expect, it } from 'vitest';
import {
  checkRoomForPhoto,
  checkUploadedPhoto,
  maxPhotoBytes,
  photoObjectKey,
  photoReadSigning,
  photoUploadExpiry,
  withMainPhoto,
} from '../../../src/domain/photos';
import { NotFoundError, PhotoLimitError, ValidationError } from '../../../src/domain/errors';

describe('photo rules', () => {
  it('has room for a fifth photo, not a sixth', () => {
    expect(() => checkRoomForPhoto(['a', 'b', 'c', 'd'])).not.toThrow();
    expect(() => checkRoomForPhoto(['a', 'b', 'c', 'd', 'e'])).toThrow(PhotoLimitError);
  });

  it('accepts an uploaded JPEG, PNG or WebP of 1 byte to 5 MB, nothing else', () => {
    expect(checkUploadedPhoto({ contentType: 'image/webp', size: maxPhotoBytes })).toBe('image/webp');
    for (const bad of [
      { contentType: 'image/gif', size: 10 },
      { contentType: undefined, size: 10 },
      { contentType: 'image/png', size: maxPhotoBytes + 1 },
      { contentType: 'image/png', size: 0 },
    ]) {
      expect(() => checkUploadedPhoto(bad), JSON.stringify(bad)).toThrow(ValidationError);
    }
  });

  it('moves the main photo first and keeps the others in order; an unknown one is not found', () => {
    expect(withMainPhoto(['a', 'b', 'c'], 'c')).toEqual(['c', 'a', 'b']);
    expect(withMainPhoto(['a', 'b'], 'a')).toEqual(['a', 'b']);
    expect(() => withMainPhoto(['a'], 'z')).toThrow(NotFoundError);
  });

  it('gives an upload 10 minutes', () => {
    expect(photoUploadExpiry(new Date('2026-05-01T10:00:00Z')).toISOString()).toBe('2026-05-01T10:10:00.000Z');
  });

  it('signs reads as of the 10-minute window, so URLs repeat within it and last at least 10 minutes', () => {
    const a = photoReadSigning(new Date('2026-05-01T10:10:00Z'));
    const b = photoReadSigning(new Date('2026-05-01T10:19:59Z'));
    expect(a).toEqual(b);
    expect(a.signedAt.toISOString()).toBe('2026-05-01T10:10:00.000Z');
    expect(a.signedAt.getTime() + a.expiresInSeconds * 1000 - Date.parse('2026-05-01T10:19:59Z')).toBeGreaterThan(
      600_000,
    );
  });

  it('keeps uploads and confirmed photos under their own prefixes, per performer', () => {
    expect(photoObjectKey('upload', 'u1', 'p1')).toBe('uploads/u1/p1');
    expect(photoObjectKey('photo', 'u1', 'p1')).toBe('photos/u1/p1');
  });
});
