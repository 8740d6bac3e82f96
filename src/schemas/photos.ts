import * as z from 'zod/mini';
import { maxPhotoBytes, maxPhotos, photoContentTypes, photoUploadSeconds } from '../domain/photos';
import { id } from './common';

const described = <T extends z.ZodMiniType>(schema: T, text: string) => schema.check(z.describe(text));

/** `POST /me/photos`: the file the browser is about to upload (after shrinking it). */
export const photoUploadRequest = z.strictObject({
  contentType: z.enum(photoContentTypes),
  size: described(
    z.number().check(z.int(), z.gte(1), z.lte(maxPhotoBytes)),
    `The file's size in bytes (at most ${maxPhotoBytes}); the upload may not be larger.`,
  ),
});

export const photoUpload = z.object({
  photoId: z.string(),
  upload: described(
    z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }),
    'A presigned POST: send `fields` and then the file (as `file`, the last field) as multipart/form-data to `url`. ' +
      'Its policy fixes the key, the Content-Type and the size.',
  ),
  expiresAt: described(z.string(), `When the upload stops working (${photoUploadSeconds / 60} minutes).`),
});

/** The path of one of my photos. */
export const photoParams = z.strictObject({ photoId: id });

/** A photo as views show it: a short-lived signed URL that GETs it (the bucket is private). */
export const photoView = z.object({
  photoId: z.string(),
  url: described(z.string(), 'A signed URL, good for at least 10 minutes.'),
});

export const photoList = described(
  z.array(photoView).check(z.maxLength(maxPhotos)),
  `Up to ${maxPhotos} photos; the first is the main photo.`,
);

export const myPhotos = z.object({ photos: photoList });
