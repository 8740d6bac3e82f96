import { protectedRoute } from './http/handler';
import { performances } from './stores';
import { performanceParams } from '../schemas/params';

/**
 * Deletes a performance (owners only): it leaves search at once; the table stream then cancels
 * every sign-up, tells each performer and drops their reminders.
 */
export const handler = protectedRoute(
  'performance-delete',
  { params: performanceParams },
  { performances },
  async ({ params, receivedAt, stores }, caller) => {
    const { performance } = await stores.performances.readOwned(params.performanceId, caller.userId);
    await stores.performances.remove(performance, receivedAt);
    return { status: 204 };
  },
);
