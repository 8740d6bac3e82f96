import { protectedRoute } from './http/handler';
import { performances } from './stores';
import { performanceParams } from '../schemas/params';

/**
 * Closes casting (owners only); the table stream then gives every open sign-up its final status and tells them:
 * "not cast" if their audition had begun, cancelled (with a calendar CANCEL) if it was still ahead.
 */
export const handler = protectedRoute(
  'casting-close',
  { params: performanceParams },
  { performances },
  async ({ params, receivedAt, stores }, caller) => {
    await stores.performances.readOwned(params.performanceId, caller.userId);
    await stores.performances.closeCasting(params.performanceId, caller.userId, receivedAt);
    return { status: 202, body: { castingClosed: true } };
  },
);
