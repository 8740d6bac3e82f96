import type { Clock } from './clock';
import type { NewProfile, Profile, ProfileStore, Role } from './profile';
import { EmailTakenError } from './errors';

/** The identity provider (Cognito) as the domain sees it. */
export interface IdentityProvider {
  /** Creates an unconfirmed user and sends the confirmation code; returns the user's `sub`. */
  signUp(email: string, password: string, attributes: { name: string; phone: string }): Promise<string>;
  /** True when a user with this email exists but never confirmed the code. */
  isUnconfirmed(email: string): Promise<boolean>;
  deleteUser(email: string): Promise<void>;
  addToGroup(email: string, role: Role): Promise<void>;
}

export interface AccountDependencies {
  readonly identity: IdentityProvider;
  readonly profiles: ProfileStore;
  readonly clock: Clock;
}

/**
 * Registers a person: the identity, the role's group (assigned here, never by the client) and the profile.
 *
 * Three writes to two services cannot be one transaction, so the sequence is made safe to repeat instead:
 * if a previous attempt stopped after creating the identity, the account is still unconfirmed and the
 * retry replaces it. Nobody can be left confirmed without a group or a profile, because confirmation needs
 * the code that the (completed) sign-up sent.
 *
 * @example await registerAccount(deps, { email, password, role: 'performer', name, phone, timeZone })
 */
export async function registerAccount(
  deps: AccountDependencies,
  request: NewProfile & { password: string },
): Promise<Profile> {
  const { password, ...details } = request;
  const attributes = { name: details.name, phone: details.phone };
  let userId: string;
  try {
    userId = await deps.identity.signUp(details.email, password, attributes);
  } catch (error) {
    if (!(error instanceof EmailTakenError) || !(await deps.identity.isUnconfirmed(details.email))) throw error;
    await deps.identity.deleteUser(details.email);
    userId = await deps.identity.signUp(details.email, password, attributes);
  }
  await deps.identity.addToGroup(details.email, details.role);
  const profile: Profile = { ...details, userId, createdAt: deps.clock.now().toISOString() };
  await deps.profiles.create(profile);
  return profile;
}
