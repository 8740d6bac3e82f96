import { castingsOf, splitCareer } from '../domain/career';
import { directorySummary } from '../domain/directory';
import { NotFoundError } from '../domain/errors';
import { protectedRoute } from './http/handler';
import { performances, profiles, signUps } from './stores';
import { photoViews } from './photo-signing';
import { directoryPerformerView } from './performer-directory-views';
import { directoryPerformerParams } from '../schemas/directory';

/**
 * A listed performer's directory page (directors): attributes, bio, links, credits and the performances they were
 * cast in. An unlisted performer, a director and an unknown id get the same 404, so listing status does not leak.
 */
export const handler = protectedRoute(
  'performer-directory-get',
  { params: directoryPerformerParams },
  { performances, profiles, signUps },
  async ({ params, receivedAt, stores }) => {
    const profile = await stores.profiles.get(params.performerId);
    const summary = profile && directorySummary(profile);
    if (!profile || !summary)
      throw new NotFoundError(
        'This performer is not in the talent directory: there is no such performer, or they chose not to be listed.',
      );
    const castings = (await stores.signUps.listOfPerformer(profile.userId)).filter((s) => s.status === 'cast');
    const performances = await stores.performances.readMany(castings.map((c) => c.performanceId));
    const career = splitCareer(castingsOf(castings, performances), receivedAt);
    const photos = await photoViews(profile.userId, profile.photos, receivedAt);
    return { body: directoryPerformerView(summary, profile, career, photos) };
  },
);
