import type { DirectoryChanges, DirectoryFields } from './directory';

/** The two roles a user can hold. Fixed at sign-up by the server. */
export const roles = ['performer', 'director'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/**
 * What Audition Me knows about a person. `userId` is the Cognito `sub`. Performers also have a directory profile
 * (`DirectoryFields`, see ./directory.ts); directors have none.
 */
export interface Profile extends DirectoryFields {
  readonly userId: string;
  readonly role: Role;
  readonly name: string;
  readonly email: string;
  /** E.164, e.g. `+442071838750`. */
  readonly phone: string;
  /** IANA zone, e.g. `Europe/London`. */
  readonly timeZone: string;
  /** Self-reported past work. */
  readonly credits?: readonly Credit[];
  /** Performers: false once they turned invitations to audition off (absent means on). */
  readonly invitations?: boolean;
  readonly createdAt: string;
  /** Performers' photo ids, main photo first (./photos.ts); views show them as signed URLs. */
  readonly photos?: readonly string[];
}

export interface Credit {
  readonly title: string;
  readonly role: string;
  readonly year: number;
  readonly company?: string;
}

export type ProfileChanges = Partial<Pick<Profile, 'name' | 'phone' | 'timeZone' | 'credits' | 'invitations'>> &
  DirectoryChanges;

/** Everything a caller supplies to create a profile. */
export type NewProfile = Omit<Profile, 'userId' | 'createdAt' | 'credits'>;

export type { ProfileStore } from './ports/profiles';
