import { randomUUID } from 'node:crypto';
import { readPerformance } from '../adapters/dynamodb/performance-store';
import { signUp } from '../domain/sign-up-decisions';
import { callerProfile, profiles, retryOnVersionConflict, signUps, tableName } from './context';
import { protectedRoute } from './http/handler';
import { signUpView } from './views';

/** A performer signs up for an audition slot: see `signUp` for what that decides. */
export const handler = protectedRoute('signup-create', async ({ params, body, receivedAt: now }, caller) => {
  const performer = await callerProfile(caller);
  const saved = await retryOnVersionConflict(async () => {
    const { performance } = await readPerformance(tableName(), params.performanceId);
    const owner = await profiles().get(performance.ownerId);
    const request = { ...body, signUpId: randomUUID() };
    return signUps().save(signUp({ performance, ownerTimeZone: owner?.timeZone }, performer, request, now));
  });
  return { status: 201, body: signUpView(saved.signUp, performer.timeZone) };
});
