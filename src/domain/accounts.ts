import type { AccountEmailCounter } from './account-email-limit';
import { takeAccountEmail } from './account-email-limit';
import type { Clock } from './clock';
import type { NewProfile, Profile, Role } from './profile';
import type { ProfileStore } from './ports/profiles';
import { EmailTakenError } from './errors';

/** A user of the identity provider, as the domain needs to see it. */
export interface IdentityUser {
  readonly userId: string;
  /** False until the emailed code is confirmed. */
  readonly confirmed: boolean;
  /** The name and phone the registrant gave when the identity was created. */
  readonly name?: string;
  readonly phone?: string;
}

/** The identity provider (Cognito) as the domain sees it. */
export interface IdentityProvider {
  /** Creates an unconfirmed user and sends the confirmation code; returns the user's `sub`. */
  signUp(email: string, password: string, attributes: { name: string; phone: string }): Promise<string>;
  /** The user with this email, if there is one. */
  findUser(email: string): Promise<IdentityUser | undefined>;
  /** Sends an unconfirmed user a fresh confirmation code (the earlier one stops working). */
  resendCode(email: string): Promise<void>;
  addToGroup(email: string, role: Role): Promise<void>;
}

/** Emails to the owner of an address, about their account. */
export interface AccountNotices {
  /** Tells the owner of a confirmed account that someone tried to register their address. */
  registrationAttempted(to: { readonly email: string; readonly name: string }): Promise<void>;
}

/** What a person asked for at sign-up, kept until their account is complete. */
export type PendingRegistration = NewProfile & {
  readonly requestedAt: string;
  /** The identity created for this request; absent while it is being created. */
  readonly userId?: string;
};

export interface PendingRegistrationStore {
  /** Records a request before its identity exists; writes nothing, and answers false, over a bound request. */
  save(registration: PendingRegistration): Promise<boolean>;
  /** Records the request as the one of the identity it created (`registration.userId`), replacing any other. */
  bind(registration: PendingRegistration & { readonly userId: string }): Promise<void>;
  get(email: string): Promise<PendingRegistration | undefined>;
}

export interface AccountDependencies {
  readonly identity: IdentityProvider;
  readonly profiles: ProfileStore;
  readonly registrations: PendingRegistrationStore;
  readonly notices: AccountNotices;
  /** Bounds the emails a sign-up may cause to one address (`accountEmailsPerHour`). */
  readonly accountEmails: AccountEmailCounter;
  readonly clock: Clock;
}

/**
 * Registers a person: the identity, the role's group (assigned here, never by the client) and the profile.
 *
 * An email that already has an account is never changed: not its password, role or details. The caller gets the
 * same answer as for a new account, so the answer does not tell whether an address is registered; the owner
 * gets an email instead: a fresh confirmation code while the account is unconfirmed (so the registrant can
 * always get one), otherwise a note that someone tried to register their address.
 *
 * Writes to two services cannot be one transaction, so the request is written down before the identity is
 * created and bound to it right after; confirming the code or logging in completes the account from it
 * (`completeRegistration`) if a step in between did not happen.
 *
 * Every sign-up may cause an email, so each counts against the address's hourly allowance first, whether or not
 * the address is registered (a refusal, TooManyRequestsError, tells nothing either); one that failed before
 * anything was sent gives its place back.
 *
 * @example await registerAccount(deps, { email, password, role: 'performer', name, phone, timeZone }) // 'registered'
 */
export async function registerAccount(
  deps: AccountDependencies,
  request: NewProfile & { password: string },
): Promise<'registered' | 'taken'> {
  const allowance = await takeAccountEmail(deps, request.email);
  let emailed = false;
  try {
    return await register(deps, request, () => (emailed = true));
  } catch (error) {
    if (!emailed) await allowance.giveBack().catch(() => undefined);
    throw error;
  }
}

async function register(
  deps: AccountDependencies,
  request: NewProfile & { password: string },
  emailed: () => void,
): Promise<'registered' | 'taken'> {
  const { password, ...details } = request;
  const existing = await deps.identity.findUser(details.email);
  if (existing) return answerTaken(deps, details.email, existing, emailed);
  const registration = { ...details, requestedAt: deps.clock.now().toISOString() };
  await deps.registrations.save(registration);
  let userId: string;
  try {
    userId = await deps.identity.signUp(details.email, password, { name: details.name, phone: details.phone });
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    // Someone else created it a moment ago.
    return answerTaken(deps, details.email, await deps.identity.findUser(details.email), emailed);
  }
  emailed();
  await deps.registrations.bind({ ...registration, userId });
  await provision(deps, userId, details);
  return 'registered';
}

async function answerTaken(
  deps: AccountDependencies,
  email: string,
  user: IdentityUser | undefined,
  emailed: () => void,
): Promise<'taken'> {
  if (!user) return 'taken';
  if (!user.confirmed) {
    await deps.identity.resendCode(email);
  } else {
    const profile = await deps.profiles.get(user.userId);
    await deps.notices.registrationAttempted({ email, name: profile?.name ?? user.name ?? '' });
  }
  emailed();
  return 'taken';
}

async function provision(deps: AccountDependencies, userId: string, details: NewProfile): Promise<Profile> {
  await deps.identity.addToGroup(details.email, details.role);
  const profile: Profile = { ...details, userId, createdAt: deps.clock.now().toISOString() };
  await deps.profiles.create(profile);
  return profile;
}

/**
 * True when the recorded request is the one that created this identity: bound to it, or (when the process
 * stopped between creating the identity and binding the request) carrying the name and phone the identity was
 * created with.
 */
function requestOf(pending: PendingRegistration, user: IdentityUser): boolean {
  if (pending.userId !== undefined) return pending.userId === user.userId;
  return pending.name === user.name && pending.phone === user.phone;
}

/**
 * Makes sure the account of this email has its group and profile, finishing a registration that stopped
 * part-way. Safe to call for a complete account (it only reads) and for one with no recorded request of its
 * own (it does nothing).
 *
 * @example await completeRegistration(deps, 'ann@example.com') // after ConfirmSignUp, and when a token has no role
 */
export async function completeRegistration(
  deps: AccountDependencies,
  email: string,
): Promise<'complete' | 'completed-now' | 'unknown'> {
  const user = await deps.identity.findUser(email);
  if (!user) return 'unknown';
  if (await deps.profiles.get(user.userId)) return 'complete';
  const pending = await deps.registrations.get(email);
  if (!pending || !requestOf(pending, user)) return 'unknown';
  const { requestedAt: _requestedAt, userId: _userId, ...details } = pending;
  await provision(deps, user.userId, details);
  return 'completed-now';
}
