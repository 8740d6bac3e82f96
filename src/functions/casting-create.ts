import { readOwnedPerformance } from '../adapters/dynamodb/performance-store';
import { cast } from '../domain/sign-up-decisions';
import { callerProfile, retryOnVersionConflict, signUps, tableName } from './context';
import { protectedRoute } from './http/handler';
import { signUpView } from './views';

/** Casts a performer whose audition has begun into a character: see `cast` for what that decides. */
export const handler = protectedRoute('casting-create', async ({ params, body, receivedAt: now }, caller) => {
  const saved = await retryOnVersionConflict(async () => {
    const { performance } = await readOwnedPerformance(tableName(), params.performanceId, caller.userId);
    const signUp = await signUps().find(params.performanceId, body.performerId);
    return signUps().save(cast({ performance, signUp }, body.characterId, now));
  });
  const reader = await callerProfile(caller);
  return { body: signUpView(saved.signUp, reader.timeZone) };
});
