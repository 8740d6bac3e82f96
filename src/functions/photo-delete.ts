import { NotFoundError } from '../domain/errors';
import { protectedRoute } from './http/handler';
import { photos } from './stores';
import { photoObjects } from './photo-objects';
import { photoParams } from '../schemas/photos';

/**
 * Removes one of the caller's photos: first from the profile (so no view shows it again), then its object. Only the
 * caller's own list is read, so another performer's photo id is simply not found.
 */
export const handler = protectedRoute(
  'photo-delete',
  { params: photoParams },
  { photos },
  async ({ params, stores }, caller) => {
    if (!(await stores.photos.remove(caller.userId, params.photoId))) {
      throw new NotFoundError('The profile has no photo with this id.');
    }
    await photoObjects().remove(caller.userId, params.photoId);
    return { status: 204 };
  },
);
