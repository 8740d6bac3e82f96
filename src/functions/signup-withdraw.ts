import { withdraw } from '../domain/sign-up-decisions';
import { unlessNotFound } from './context';
import { protectedRoute } from './http/handler';
import { performances, profiles, signUps } from './stores';
import { signUpView } from './views';
import { performanceParams } from '../schemas/params';

/** A performer withdraws their sign-up: see `withdraw` for what that decides. */
export const handler = protectedRoute(
  'signup-withdraw',
  { params: performanceParams },
  { performances, profiles, signUps },
  async ({ params, receivedAt, stores }, caller) => {
    const signUp = await stores.signUps.find(params.performanceId, caller.userId);
    // The performance may be being deleted: its director as named on the sign-up is told then.
    const state = await unlessNotFound(stores.performances.read(params.performanceId));
    const owner = state && (await stores.profiles.get(state.performance.ownerId));
    const decision = withdraw({ signUp, performance: state?.performance, ownerTimeZone: owner?.timeZone }, receivedAt);
    const saved = await stores.signUps.save(decision);
    return { body: signUpView(saved.signUp, saved.signUp.performer.timeZone) };
  },
);
