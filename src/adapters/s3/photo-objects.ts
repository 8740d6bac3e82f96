import { CopyObjectCommand, DeleteObjectCommand, HeadObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import { photoObjectKey } from '../../domain/photos';
import type { PhotoObjects } from '../../domain/ports/photos';

let client: S3Client | undefined;

/**
 * The one S3 client of this process (only the photo routes that confirm and delete carry it). Endpoint, region and
 * credentials come from the standard SDK environment (`AWS_ENDPOINT_URL_S3` points it at the local stand-in).
 */
export function s3Client(): S3Client {
  client ??= new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
  return client;
}

/** The photo bucket's objects: uploads waiting under `uploads/`, confirmed photos under `photos/`. */
export function s3PhotoObjects(bucket: string): PhotoObjects {
  return {
    async uploaded(performerId, photoId) {
      try {
        const head = await s3Client().send(
          new HeadObjectCommand({ Bucket: bucket, Key: photoObjectKey('upload', performerId, photoId) }),
        );
        return { contentType: head.ContentType, size: head.ContentLength ?? 0 };
      } catch (error) {
        if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return undefined;
        throw error;
      }
    },
    async keep(performerId, photoId) {
      await s3Client().send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: photoObjectKey('photo', performerId, photoId),
          CopySource: `${bucket}/${photoObjectKey('upload', performerId, photoId)}`,
        }),
      );
    },
    async discardUpload(performerId, photoId) {
      await s3Client().send(
        new DeleteObjectCommand({ Bucket: bucket, Key: photoObjectKey('upload', performerId, photoId) }),
      );
    },
    async remove(performerId, photoId) {
      await s3Client().send(
        new DeleteObjectCommand({ Bucket: bucket, Key: photoObjectKey('photo', performerId, photoId) }),
      );
    },
  };
}
