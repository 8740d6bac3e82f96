import { environmentCredentials, s3PhotoSigner } from '../adapters/s3/photo-signer';
import { photoBucket } from '../config';
import type { PhotoSigner } from '../domain/ports/photos';

let signer: PhotoSigner | undefined;

/** This function's photo signer, on the configured bucket (built once per cold start; signing makes no call). */
export function photoSigner(): PhotoSigner {
  signer ??= s3PhotoSigner({
    bucket: photoBucket(),
    region: process.env.AWS_REGION ?? 'us-east-1',
    endpoint: process.env.AWS_ENDPOINT_URL_S3,
    credentials: environmentCredentials,
  });
  return signer;
}

/**
 * A performer's photos as views show them: each with a read URL good for at least 10 minutes, main photo first.
 *
 * @example await photoViews('u1', ['p1', 'p2'], now) // [{ photoId: 'p1', url: 'https://…' }, { photoId: 'p2', … }]
 */
export async function photoViews(
  performerId: string,
  photoIds: readonly string[] | undefined,
  now: Date,
): Promise<{ photoId: string; url: string }[]> {
  return Promise.all(
    (photoIds ?? []).map(async (photoId) => ({ photoId, url: await photoSigner().readUrl(performerId, photoId, now) })),
  );
}

/**
 * A profile with its photo ids replaced by their views (what every profile response shows).
 *
 * @example await withPhotoViews({ userId: 'u1', photos: ['p1'], … }, now) // { userId: 'u1', photos: [{ photoId: 'p1', url }], … }
 */
export async function withPhotoViews<P extends { userId: string; photos?: readonly string[] }>(
  profile: P,
  now: Date,
): Promise<Omit<P, 'photos'> & { photos: { photoId: string; url: string }[] }> {
  return { ...profile, photos: await photoViews(profile.userId, profile.photos, now) };
}
