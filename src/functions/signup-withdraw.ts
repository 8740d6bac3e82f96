import { readPerformance } from '../adapters/dynamodb/performance-store';
import { withdraw } from '../domain/sign-up-decisions';
import { profiles, signUps, tableName, unlessNotFound } from './context';
import { protectedRoute } from './http/handler';
import { signUpView } from './views';

/** A performer withdraws their sign-up: see `withdraw` for what that decides. */
export const handler = protectedRoute('signup-withdraw', async ({ params, receivedAt }, caller) => {
  const signUp = await signUps().find(params.performanceId, caller.userId);
  // The performance may be being deleted: its director as named on the sign-up is told then.
  const state = await unlessNotFound(readPerformance(tableName(), params.performanceId));
  const owner = state && (await profiles().get(state.performance.ownerId));
  const decision = withdraw({ signUp, performance: state?.performance, ownerTimeZone: owner?.timeZone }, receivedAt);
  const saved = await signUps().save(decision);
  return { body: signUpView(saved.signUp, saved.signUp.performer.timeZone) };
});
