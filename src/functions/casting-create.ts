import { cast } from '../domain/sign-up-decisions';
import { retryOnVersionConflict } from './context';
import { protectedRoute } from './http/handler';
import { performances, signUps } from './stores';
import { signUpView } from './views';
import { performanceParams } from '../schemas/params';
import { castingInput } from '../schemas/signup';

/** Casts a performer whose audition has begun into a character: see `cast` for what that decides. */
export const handler = protectedRoute(
  'casting-create',
  { params: performanceParams, body: castingInput },
  { performances, signUps },
  async ({ params, body, receivedAt: now, stores, readerTimeZone }, caller) => {
    const saved = await retryOnVersionConflict(async () => {
      const { performance } = await stores.performances.readOwned(params.performanceId, caller.userId);
      const signUp = await stores.signUps.find(params.performanceId, body.performerId);
      return stores.signUps.save(cast({ performance, signUp }, body.characterId, now));
    });
    return { body: signUpView(saved.signUp, await readerTimeZone()) };
  },
);
