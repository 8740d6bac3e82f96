import { invite } from '../domain/invitation';
import { protectedRoute } from './http/handler';
import { invitations, performances, profiles } from './stores';
import { invitationViews } from './invitation-views';
import { invitationInput } from '../schemas/invitation';
import { performanceParams } from '../schemas/params';

/**
 * A director invites a listed performer to audition for a performance they own: see `invite` for the rules; the
 * store writes the invitation, the day's count and the email in one transaction.
 */
export const handler = protectedRoute(
  'invitation-create',
  { params: performanceParams, body: invitationInput },
  { invitations, performances, profiles },
  async ({ params, body, receivedAt: now, stores, readerTimeZone }, caller) => {
    const { performance } = await stores.performances.readOwned(params.performanceId, caller.userId);
    const decision = invite(performance, await stores.profiles.get(body.performerId), body, now);
    await stores.invitations.send(decision, now);
    const [view] = await invitationViews([decision.invitation], stores.invitations.standings, await readerTimeZone());
    return { status: 201, body: view };
  },
);
