import { invitationsListed } from '../domain/invitation';
import { protectedRoute } from './http/handler';
import { invitations } from './stores';
import { invitationViews } from './invitation-views';

/** The caller's invitations to audition, newest first, with the performance, venue and suggested slot. */
export const handler = protectedRoute(
  'my-invitations',
  {},
  { invitations },
  async ({ stores, readerTimeZone }, caller) => {
    const invitations = await stores.invitations.listOfPerformer(caller.userId, invitationsListed);
    return {
      body: { invitations: await invitationViews(invitations, stores.invitations.standings, await readerTimeZone()) },
    };
  },
);
