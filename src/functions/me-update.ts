import { checkDirectoryChanges, directoryFieldNames } from '../domain/directory';
import { NotFoundError } from '../domain/errors';
import { checkInvitationSetting } from '../domain/invitation';
import { replanReminders } from '../domain/reminder-plan';
import { protectedRoute } from './http/handler';
import { profilePatch } from '../schemas/profile';
import { ownProfileView } from './views';

/**
 * Changes the caller's name, phone, time zone or credits (email and role are not editable). A performer who
 * moves to another zone gets every planned reminder re-planned for 19:00 in the new zone. Performers also change
 * their directory profile here (`listed` among it) and switch invitations off or on; a director sending a directory
 * field or `invitations` gets 400.
 */
export const handler = protectedRoute(
  'me-update',
  { body: profilePatch },
  async ({ body, receivedAt, stores, callerProfile }, caller) => {
    if (directoryFieldNames.some((name) => body[name] !== undefined))
      checkDirectoryChanges(await callerProfile(), body);
    if (body.invitations !== undefined) checkInvitationSetting(await callerProfile(), body);
    const updated = await stores.profiles.update(caller.userId, body);
    if (!updated) throw new NotFoundError('No profile exists for this account.');
    // Each sign-up is re-planned on its own; repeating the request finishes the job if an earlier one stopped.
    if (updated.role === 'performer' && body.timeZone !== undefined) {
      const signUps = await stores.signUps.listOfPerformer(caller.userId);
      for (const change of replanReminders(signUps, updated.timeZone, receivedAt)) {
        await stores.signUps.saveUnlessMovedOn(change);
      }
    }
    return { body: await ownProfileView(stores.suppressions, updated) };
  },
);
