import { NotFoundError } from '../domain/errors';
import { invitationMarked, performerInvitation } from '../domain/invitation';
import { retryOnVersionConflict } from './context';
import { protectedRoute } from './http/handler';
import { invitations } from './stores';
import { invitationViews } from './invitation-views';
import { invitationParams, invitationStatusInput } from '../schemas/invitation';

/**
 * The performer marks one of their invitations opened or declined (statuses only move forward). Another
 * performer's invitation, or none, is 404.
 */
export const handler = protectedRoute(
  'my-invitation-update',
  { params: invitationParams, body: invitationStatusInput },
  { invitations },
  async ({ params, body, receivedAt, stores, readerTimeZone }, caller) => {
    const { performanceId, performerId } = performerInvitation(params.invitationId, caller.userId);
    const invitation = await retryOnVersionConflict(async () => {
      const before = await stores.invitations.find(performanceId, performerId);
      const after = before && invitationMarked(before, body.status, receivedAt);
      if (before && after) await stores.invitations.replace(before, after);
      return after ?? before;
    });
    if (!invitation) throw new NotFoundError('No such invitation.');
    const [view] = await invitationViews([invitation], stores.invitations.standings, await readerTimeZone());
    return { body: view };
  },
);
