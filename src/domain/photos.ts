import { NotFoundError, PhotoLimitError, ValidationError } from './errors';

/**
 * A performer's photos: uploaded by the browser straight to the private bucket (a presigned POST), confirmed by the
 * API, shown through short-lived signed URLs. The profile holds their ids in order; the first is the main photo.
 */

/** The most photos a profile holds: one main photo and four more. */
export const maxPhotos = 5;
/** The largest photo accepted, in bytes (5 MB; the browser shrinks photos well below it first). */
export const maxPhotoBytes = 5 * 1024 * 1024;
/** The image types accepted. */
export const photoContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof photoContentTypes)[number];
/** How long a presigned upload stays usable. */
export const photoUploadSeconds = 10 * 60;

/** An upload the browser asked for: the type and size of the file it is about to send. */
export interface PhotoUploadRequest {
  readonly contentType: PhotoContentType;
  readonly size: number;
}

/** What the bucket holds under an upload's key, as a HeadObject reports it. */
export interface StoredObject {
  readonly contentType?: string;
  readonly size: number;
}

/**
 * Whether a profile with these photos may take one more; throws PhotoLimitError when it is full. The database's
 * condition on the append decides races; this answers early, before an upload is signed.
 *
 * @example checkRoomForPhoto(['a', 'b']) // passes; checkRoomForPhoto(['a', 'b', 'c', 'd', 'e']) // throws photo-limit
 */
export function checkRoomForPhoto(photos: readonly string[]): void {
  if (photos.length >= maxPhotos) {
    throw new PhotoLimitError(`A profile holds at most ${maxPhotos} photos; delete one first.`);
  }
}

/**
 * When a presigned upload signed at `now` stops working.
 *
 * @example photoUploadExpiry(new Date('2026-05-01T10:00:00Z')) // 2026-05-01T10:10:00.000Z
 */
export function photoUploadExpiry(now: Date): Date {
  return new Date(now.getTime() + photoUploadSeconds * 1000);
}

/**
 * Whether an uploaded object is a photo the profile may hold: an accepted image type, not empty, at most 5 MB. The
 * POST policy already limits both; this holds even if an object got there another way. Throws ValidationError.
 *
 * @example checkUploadedPhoto({ contentType: 'image/gif', size: 10 }) // throws: contentType must be image/jpeg, …
 */
export function checkUploadedPhoto(object: StoredObject): PhotoContentType {
  const issues = [];
  const type = photoContentTypes.find((t) => t === object.contentType);
  if (!type) issues.push({ path: 'photo.contentType', message: `must be one of ${photoContentTypes.join(', ')}` });
  if (object.size < 1 || object.size > maxPhotoBytes) {
    issues.push({ path: 'photo.size', message: `must be between 1 byte and ${maxPhotoBytes} bytes` });
  }
  if (!type || issues.length) throw new ValidationError(issues, 'The uploaded file is not a photo we accept.');
  return type;
}

/**
 * The photo order with `photoId` first (the main photo), the others in their order; NotFoundError when the profile
 * does not hold it.
 *
 * @example withMainPhoto(['a', 'b', 'c'], 'c') // ['c', 'a', 'b']
 */
export function withMainPhoto(photos: readonly string[], photoId: string): string[] {
  if (!photos.includes(photoId)) throw new NotFoundError('The profile has no photo with this id.');
  return [photoId, ...photos.filter((p) => p !== photoId)];
}

/**
 * A photo's place in the bucket while it waits to be confirmed, and once confirmed. Uploads are expired by the
 * bucket's lifecycle rule after a day, so an upload never confirmed costs nothing for long.
 *
 * @example photoObjectKey('upload', 'u1', 'p1') // 'uploads/u1/p1'
 */
export function photoObjectKey(stage: 'upload' | 'photo', performerId: string, photoId: string): string {
  return `${stage === 'upload' ? photoPrefixes.upload : photoPrefixes.photo}${performerId}/${photoId}`;
}

/** The bucket's two prefixes: the lifecycle rule, the grants and the local permission check name them. */
export const photoPrefixes = { upload: 'uploads/', photo: 'photos/' } as const;

/** Read URLs are signed as of the start of a 10-minute window and last 20 minutes from it. */
const readWindowSeconds = 10 * 60;

/**
 * When a photo's read URL is signed and for how long: as of the start of the current 10-minute window, for 20
 * minutes. Every view within a window gets the very same URL (the browser's cache keeps the image), and each is
 * good for at least 10 minutes after it was given out.
 *
 * @example photoReadSigning(new Date('2026-05-01T10:17:30Z')) // { signedAt: 2026-05-01T10:10:00Z, expiresInSeconds: 1200 }
 */
export function photoReadSigning(now: Date): { signedAt: Date; expiresInSeconds: number } {
  const windowMs = readWindowSeconds * 1000;
  return {
    signedAt: new Date(Math.floor(now.getTime() / windowMs) * windowMs),
    expiresInSeconds: 2 * readWindowSeconds,
  };
}
