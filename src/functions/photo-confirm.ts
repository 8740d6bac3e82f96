import { NotFoundError } from '../domain/errors';
import { checkRoomForPhoto, checkUploadedPhoto, maxPhotos } from '../domain/photos';
import { protectedRoute } from './http/handler';
import { photos } from './stores';
import { photoObjects } from './photo-objects';
import { photoViews } from './photo-signing';
import { photoParams } from '../schemas/photos';

/**
 * Adds an uploaded photo to the caller's profile: the upload (under the caller's own prefix, so nobody confirms
 * another's) must be there with an accepted type and size. It is copied to the photos' prefix before it is listed,
 * so a listed photo always has its object; the profile's condition refuses a 6th photo (the copy is then removed).
 * Repeating a confirmation answers the same.
 */
export const handler = protectedRoute(
  'photo-confirm',
  { params: photoParams },
  { photos },
  async ({ params, receivedAt, stores }, caller) => {
    const { photoId } = params;
    let photos = await stores.photos.list(caller.userId);
    if (!photos) throw new NotFoundError('No performer profile exists for this account.');
    if (!photos.includes(photoId)) {
      const uploaded = await photoObjects().uploaded(caller.userId, photoId);
      if (!uploaded) throw new NotFoundError('Nothing was uploaded for this photo, or the upload has expired.');
      checkUploadedPhoto(uploaded);
      checkRoomForPhoto(photos);
      await photoObjects().keep(caller.userId, photoId);
      try {
        photos = await stores.photos.add(caller.userId, photoId, maxPhotos);
      } catch (error) {
        await photoObjects().remove(caller.userId, photoId);
        throw error;
      }
      await photoObjects().discardUpload(caller.userId, photoId);
    }
    return { body: { photos: await photoViews(caller.userId, photos, receivedAt) } };
  },
);
