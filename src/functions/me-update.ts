import { checkDirectoryChanges, directoryFieldNames } from '../domain/directory';
import { NotFoundError, ValidationError } from '../domain/errors';
import { checkInvitationSetting } from '../domain/invitation';
import { withMainPhoto } from '../domain/photos';
import { saveReplannedReminders } from '../domain/reminder-plan';
import { protectedRoute } from './http/handler';
import { photos, profiles, signUps, suppressions } from './stores';
import { withPhotoViews } from './photo-signing';
import { profilePatch } from '../schemas/profile';
import { ownProfileView } from './views';

/**
 * Changes the caller's name, phone, time zone or credits (email and role are not editable). A performer who
 * moves to another zone gets every planned reminder re-planned for 19:00 in the new zone. Performers also change
 * their directory profile here (`listed` among it), switch invitations off or on, and pick their main photo
 * (`mainPhotoId`); a director sending a directory field or `invitations` gets 400.
 */
export const handler = protectedRoute(
  'me-update',
  { body: profilePatch },
  { photos, profiles, signUps, suppressions },
  async ({ body, receivedAt, stores, callerProfile }, caller) => {
    const { mainPhotoId, ...changes } = body;
    if (directoryFieldNames.some((name) => changes[name] !== undefined))
      checkDirectoryChanges(await callerProfile(), changes);
    if (changes.invitations !== undefined) checkInvitationSetting(await callerProfile(), changes);
    if (mainPhotoId !== undefined) {
      const photos = await stores.photos.list(caller.userId);
      if (!photos) throw new ValidationError([{ path: 'body.mainPhotoId', message: 'only performers have photos' }]);
      await stores.photos.reorder(caller.userId, photos, withMainPhoto(photos, mainPhotoId));
    }
    const updated = Object.keys(changes).length
      ? await stores.profiles.update(caller.userId, changes)
      : await stores.profiles.get(caller.userId);
    if (!updated) throw new NotFoundError('No profile exists for this account.');
    // Each sign-up is re-planned on its own, from the sign-up as it is when saved (the list from gsi1 may be a
    // moment old); repeating the request finishes the job if an earlier one stopped.
    if (updated.role === 'performer' && changes.timeZone !== undefined) {
      const signUps = await stores.signUps.listOfPerformer(caller.userId);
      await saveReplannedReminders(stores.signUps, signUps, updated.timeZone, receivedAt);
    }
    return { body: await withPhotoViews(await ownProfileView(stores.suppressions, updated), receivedAt) };
  },
);
