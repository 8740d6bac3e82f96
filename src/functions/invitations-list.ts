import { protectedRoute } from './http/handler';
import { invitations, performances } from './stores';
import { invitationViews } from './invitation-views';
import { performanceParams } from '../schemas/params';

/** The invitations to a performance, for its owner: each with its status (`signed-up` read from the sign-ups now). */
export const handler = protectedRoute(
  'invitations-list',
  { params: performanceParams },
  { invitations, performances },
  async ({ params, stores, readerTimeZone }, caller) => {
    await stores.performances.readOwned(params.performanceId, caller.userId);
    const invitations = await stores.invitations.listOfPerformance(params.performanceId);
    return {
      body: { invitations: await invitationViews(invitations, stores.invitations.standings, await readerTimeZone()) },
    };
  },
);
