import { NotFoundError } from '../domain/errors';
import { protectedRoute } from './http/handler';

/** A performer's profile, for the owners of a performance the performer signed up to; nobody else. */
export const handler = protectedRoute('performer-profile-get', async ({ params, stores }, caller) => {
  await stores.performances.readOwned(params.performanceId, caller.userId);
  await stores.signUps.read(params.performanceId, params.performerId);
  const profile = await stores.profiles.get(params.performerId);
  if (!profile) throw new NotFoundError('No such performer.');
  return { body: profile };
});
