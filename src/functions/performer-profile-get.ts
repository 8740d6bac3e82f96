import { NotFoundError } from '../domain/errors';
import { existingSignUp } from '../domain/signup';
import { protectedRoute } from './http/handler';
import { performances, profiles, signUps } from './stores';
import { withPhotoViews } from './photo-signing';
import { performerParams } from '../schemas/params';

/** A performer's profile, for the owners of a performance the performer signed up to; nobody else. */
export const handler = protectedRoute(
  'performer-profile-get',
  { params: performerParams },
  { performances, profiles, signUps },
  async ({ params, receivedAt, stores }, caller) => {
    await stores.performances.readOwned(params.performanceId, caller.userId);
    existingSignUp(await stores.signUps.find(params.performanceId, params.performerId));
    const profile = await stores.profiles.get(params.performerId);
    if (!profile) throw new NotFoundError('No such performer.');
    return { body: await withPhotoViews(profile, receivedAt) };
  },
);
