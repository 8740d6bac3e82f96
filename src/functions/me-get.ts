import { castingsOf, splitCareer } from '../domain/career';
import { protectedRoute } from './http/handler';
import { performances, signUps, suppressions } from './stores';
import { withPhotoViews } from './photo-signing';
import { ownProfileView } from './views';

/** The caller's profile, with whether their address gets email and signed URLs of their photos; for performers also their current and past performances, derived from castings. */
export const handler = protectedRoute(
  'me-get',
  {},
  { performances, signUps, suppressions },
  async ({ receivedAt, stores, callerProfile }, caller) => {
    const profile = await withPhotoViews(await ownProfileView(stores.suppressions, await callerProfile()), receivedAt);
    if (profile.role !== 'performer') return { body: profile };
    const castings = (await stores.signUps.listOfPerformer(caller.userId)).filter((s) => s.status === 'cast');
    const performances = await stores.performances.readMany(castings.map((c) => c.performanceId));
    const career = splitCareer(castingsOf(castings, performances), receivedAt);
    return { body: { ...profile, currentPerformances: career.current, pastPerformances: career.past } };
  },
);
