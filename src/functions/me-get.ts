import { castingsOf, splitCareer } from '../domain/career';
import { NotFoundError } from '../domain/errors';
import { protectedRoute } from './http/handler';

/** The caller's profile; for performers also their current and past performances, derived from castings. */
export const handler = protectedRoute('me-get', async ({ receivedAt, stores }, caller) => {
  const profile = await stores.profiles.get(caller.userId);
  if (!profile) throw new NotFoundError('No profile exists for this account.');
  if (profile.role !== 'performer') return { body: profile };
  const castings = (await stores.signUps.ofPerformer(caller.userId)).filter((s) => s.status === 'cast');
  const performances = await stores.performances.readMany(castings.map((c) => c.performanceId));
  const career = splitCareer(castingsOf(castings, performances), receivedAt);
  return { body: { ...profile, currentPerformances: career.current, pastPerformances: career.past } };
});
