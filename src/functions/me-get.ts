import { readPerformances } from '../adapters/dynamodb/performance-store';
import { listSignUpsOfPerformer } from '../adapters/dynamodb/signup-store';
import { splitCareer } from '../domain/career';
import { callerProfile, tableName } from './context';
import { protectedRoute } from './http/handler';

/** The caller's profile; for performers also their current and past performances, derived from castings. */
export const handler = protectedRoute('me-get', async ({ receivedAt }, caller) => {
  const profile = await callerProfile(caller);
  if (profile.role !== 'performer') return { body: profile };
  const castings = (await listSignUpsOfPerformer(tableName(), caller.userId)).filter((s) => s.status === 'cast');
  const performances = new Map(
    (
      await readPerformances(
        tableName(),
        castings.map((c) => c.performanceId),
      )
    ).map((p) => [p.performanceId, p]),
  );
  const career = splitCareer(
    castings.flatMap((c) => {
      const performance = performances.get(c.performanceId);
      const character = performance?.characters.find((ch) => ch.characterId === c.castAs)?.name ?? '';
      return performance ? [{ performance, character }] : [];
    }),
    receivedAt,
  );
  return { body: { ...profile, currentPerformances: career.current, pastPerformances: career.past } };
});
