import { NotFoundError } from '../domain/errors';
import { checkRoomForPhoto, photoUploadExpiry } from '../domain/photos';
import { protectedRoute } from './http/handler';
import { photos } from './stores';
import { shortId } from './ids';
import { photoSigner } from './photo-signing';
import { photoUploadRequest } from '../schemas/photos';

/**
 * Starts a photo upload (performers): a presigned POST, good for 10 minutes, whose policy fixes the key (under the
 * caller's own upload prefix), the Content-Type and the size. Nothing is stored until `PUT /me/photos/{photoId}`.
 */
export const handler = protectedRoute(
  'photo-create',
  { body: photoUploadRequest },
  { photos },
  async ({ body, receivedAt, stores }, caller) => {
    const photos = await stores.photos.list(caller.userId);
    if (!photos) throw new NotFoundError('No performer profile exists for this account.');
    checkRoomForPhoto(photos);
    const photoId = shortId();
    const expiresAt = photoUploadExpiry(receivedAt);
    const upload = await photoSigner().uploadForm({
      performerId: caller.userId,
      photoId,
      contentType: body.contentType,
      maxBytes: body.size,
      signedAt: receivedAt,
      expiresAt,
    });
    return { status: 201, body: { photoId, upload, expiresAt: expiresAt.toISOString() } };
  },
);
