import { readOwnedPerformance } from '../adapters/dynamodb/performance-store';
import { uncast } from '../domain/sign-up-decisions';
import { callerProfile, retryOnVersionConflict, signUps, tableName } from './context';
import { protectedRoute } from './http/handler';
import { signUpView } from './views';

/** Undoes a casting until casting closes: see `uncast` for what that decides. */
export const handler = protectedRoute('casting-undo', async ({ params, receivedAt: now }, caller) => {
  const saved = await retryOnVersionConflict(async () => {
    const { performance } = await readOwnedPerformance(tableName(), params.performanceId, caller.userId);
    const signUp = await signUps().find(params.performanceId, params.performerId);
    return signUps().save(uncast({ performance, signUp }, now));
  });
  const reader = await callerProfile(caller);
  return { body: signUpView(saved.signUp, reader.timeZone) };
});
