import { photoObjectKey, photoReadSigning } from '../../domain/photos';
import type { PhotoSigner } from '../../domain/ports/photos';
import type { SigningCredentials } from './sigv4';
import { presignGet, signPostPolicy } from './sigv4';

/** Where the photo bucket is and who signs for it. */
export interface PhotoBucketLocation {
  readonly bucket: string;
  readonly region: string;
  /** An S3 endpoint override (`AWS_ENDPOINT_URL_S3`, the local stand-in): path-style URLs under it. */
  readonly endpoint?: string;
  /** The function's own credentials (Lambda gives them in the environment); read at each signature. */
  readonly credentials: () => SigningCredentials;
}

/**
 * The bucket's URL: virtual-hosted on AWS, path-style under an endpoint override.
 *
 * @example bucketUrl({ bucket: 'photos-1', region: 'eu-west-2', … }) // 'https://photos-1.s3.eu-west-2.amazonaws.com'
 */
export function bucketUrl(location: Pick<PhotoBucketLocation, 'bucket' | 'region' | 'endpoint'>): string {
  return location.endpoint
    ? `${location.endpoint.replace(/\/$/, '')}/${location.bucket}`
    : `https://${location.bucket}.s3.${location.region}.amazonaws.com`;
}

/** The credentials Lambda (and the local runtime) put in a function's environment. */
export function environmentCredentials(): SigningCredentials {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = process.env;
  if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) throw new Error('No AWS credentials in the environment');
  return {
    accessKeyId: AWS_ACCESS_KEY_ID,
    secretAccessKey: AWS_SECRET_ACCESS_KEY,
    ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
  };
}

/**
 * Signs uploads into the bucket's `uploads/` prefix and reads of its `photos/` prefix. An upload's policy fixes
 * the key, the Content-Type and the size range, and expires; a read URL lasts minutes (see `photoReadSigning`).
 */
export function s3PhotoSigner(location: PhotoBucketLocation): PhotoSigner {
  const base = bucketUrl(location);
  return {
    async uploadForm({ performerId, photoId, contentType, maxBytes, signedAt, expiresAt }) {
      const fields = signPostPolicy({
        bucket: location.bucket,
        fields: { key: photoObjectKey('upload', performerId, photoId), 'Content-Type': contentType },
        conditions: [['content-length-range', 1, maxBytes]],
        region: location.region,
        credentials: location.credentials(),
        signedAt,
        expiresAt,
      });
      return { url: base, fields };
    },
    async readUrl(performerId, photoId, now) {
      return presignGet({
        base,
        key: photoObjectKey('photo', performerId, photoId),
        region: location.region,
        credentials: location.credentials(),
        ...photoReadSigning(now),
      });
    },
  };
}
