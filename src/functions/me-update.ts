import { NotFoundError } from '../domain/errors';
import { replanReminders } from '../domain/reminder-plan';
import { profiles, signUps } from './context';
import { protectedRoute } from './http/handler';

/**
 * Changes the caller's name, phone, time zone or credits (email and role are not editable). A performer who
 * moves to another zone gets every planned reminder re-planned for 19:00 in the new zone.
 */
export const handler = protectedRoute('me-update', async ({ body, receivedAt }, caller) => {
  const updated = await profiles().update(caller.userId, body);
  if (!updated) throw new NotFoundError('No profile exists for this account.');
  // Each sign-up is re-planned on its own; repeating the request finishes the job if an earlier one stopped.
  if (updated.role === 'performer' && body.timeZone !== undefined) {
    const store = signUps();
    const changes = replanReminders(await store.listOfPerformer(caller.userId), updated.timeZone, receivedAt);
    for (const change of changes) await store.saveUnlessMovedOn(change);
  }
  return { body: updated };
});
