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
  /** The `sub` of the user with this email. */
  userIdOf(email: string): Promise<string>;
}

/** What a person asked for at sign-up, kept until their account is complete. */
export type PendingRegistration = NewProfile & { readonly requestedAt: string };

export interface PendingRegistrationStore {
  save(registration: PendingRegistration): Promise<void>;
  get(email: string): Promise<PendingRegistration | undefined>;
}

export interface AccountDependencies {
  readonly identity: IdentityProvider;
  readonly profiles: ProfileStore;
  readonly registrations: PendingRegistrationStore;
  readonly clock: Clock;
}

/**
 * Registers a person: the identity, the role's group (assigned here, never by the client) and the profile.
 *
 * Writes to two services cannot be one transaction, so every step can be repeated and the request is written
 * down first. If a previous attempt stopped after creating the identity, the account is still unconfirmed and
 * a retry replaces it; if it stopped after that, confirming the code or logging in completes the account from
 * the recorded request (`completeRegistration`).
 *
 * @example await registerAccount(deps, { email, password, role: 'performer', name, phone, timeZone })
 */
export async function registerAccount(
  deps: AccountDependencies,
  request: NewProfile & { password: string },
): Promise<Profile> {
  const { password, ...details } = request;
  await deps.registrations.save({ ...details, requestedAt: deps.clock.now().toISOString() });
  const attributes = { name: details.name, phone: details.phone };
  let userId: string;
  try {
    userId = await deps.identity.signUp(details.email, password, attributes);
  } catch (error) {
    if (!(error instanceof EmailTakenError) || !(await deps.identity.isUnconfirmed(details.email))) throw error;
    await deps.identity.deleteUser(details.email);
    userId = await deps.identity.signUp(details.email, password, attributes);
  }
  return provision(deps, userId, details);
}

async function provision(deps: AccountDependencies, userId: string, details: NewProfile): Promise<Profile> {
  await deps.identity.addToGroup(details.email, details.role);
  const profile: Profile = { ...details, userId, createdAt: deps.clock.now().toISOString() };
  await deps.profiles.create(profile);
  return profile;
}

/**
 * Makes sure the account of this email has its group and profile, finishing a registration that stopped
 * part-way. Safe to call for a complete account (it only reads) and for one with no recorded request (it does
 * nothing).
 *
 * @example await completeRegistration(deps, 'ann@example.com') // after ConfirmSignUp, and when a token has no role
 */
export async function completeRegistration(
  deps: AccountDependencies,
  email: string,
): Promise<'complete' | 'completed-now' | 'unknown'> {
  const userId = await deps.identity.userIdOf(email);
  if (await deps.profiles.get(userId)) return 'complete';
  const pending = await deps.registrations.get(email);
  if (!pending) return 'unknown';
  const { requestedAt: _requestedAt, ...details } = pending;
  await provision(deps, userId, details);
  return 'completed-now';
}
