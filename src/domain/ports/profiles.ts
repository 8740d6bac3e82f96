import type { Profile, ProfileChanges } from '../profile';

/** Where profiles are kept. */
export interface ProfileStore {
  /** Writes the profile unless one exists; returns false when it already existed. */
  create(profile: Profile): Promise<boolean>;
  get(userId: string): Promise<Profile | undefined>;
  /** Several profiles by user id; missing ones are left out. */
  readMany(userIds: readonly string[]): Promise<Profile[]>;
  /** Applies the changes and returns the profile as it is now; undefined when there is no profile. */
  update(userId: string, changes: ProfileChanges): Promise<Profile | undefined>;
}
