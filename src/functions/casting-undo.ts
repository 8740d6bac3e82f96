import { uncast } from '../domain/sign-up-decisions';
import { retryOnVersionConflict } from './context';
import { protectedRoute } from './http/handler';
import { performances, signUps } from './stores';
import { signUpView } from './views';
import { performerParams } from '../schemas/params';

/** Undoes a casting until casting closes: see `uncast` for what that decides. */
export const handler = protectedRoute(
  'casting-undo',
  { params: performerParams },
  { performances, signUps },
  async ({ params, receivedAt: now, stores, readerTimeZone }, caller) => {
    const saved = await retryOnVersionConflict(async () => {
      const { performance } = await stores.performances.readOwned(params.performanceId, caller.userId);
      const signUp = await stores.signUps.find(params.performanceId, params.performerId);
      return stores.signUps.save(uncast({ performance, signUp }, now));
    });
    return { body: signUpView(saved.signUp, await readerTimeZone()) };
  },
);
