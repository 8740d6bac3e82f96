import { randomUUID } from 'node:crypto';
import { signUp } from '../domain/sign-up-decisions';
import { retryOnVersionConflict } from './context';
import { protectedRoute } from './http/handler';
import { performances, profiles, signUps } from './stores';
import { signUpView } from './views';
import { performanceParams } from '../schemas/params';
import { signUpInput } from '../schemas/signup';

/** A performer signs up for an audition slot: see `signUp` for what that decides. */
export const handler = protectedRoute(
  'signup-create',
  { params: performanceParams, body: signUpInput },
  { performances, profiles, signUps },
  async ({ params, body, receivedAt: now, stores, callerProfile }) => {
    const performer = await callerProfile();
    const saved = await retryOnVersionConflict(async () => {
      const { performance } = await stores.performances.read(params.performanceId);
      const owner = await stores.profiles.get(performance.ownerId);
      const request = { ...body, signUpId: randomUUID() };
      return stores.signUps.save(signUp({ performance, ownerTimeZone: owner?.timeZone }, performer, request, now));
    });
    return { status: 201, body: signUpView(saved.signUp, performer.timeZone) };
  },
);
