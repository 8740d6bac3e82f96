import { config } from '../config';
import { cognitoIdentityProvider } from '../adapters/cognito/identity-provider';
import type { AccountDependencies } from '../domain/accounts';
import { systemClock } from '../domain/clock';
import { NotFoundError, VersionConflictError } from '../domain/errors';
import { accountEmails, accountNotices, profiles, registrations, storesOf } from './stores';

// Marked pure so the functions that import this module for the helpers below carry no account store.
const accountStores = /* @__PURE__ */ storesOf({ profiles, registrations, accountNotices, accountEmails });

/** The user pool of this deployment. */
export function pool() {
  const { userPoolId, userPoolClientId: clientId } = config();
  return { userPoolId, clientId };
}

/** What registering and completing an account needs. */
export function accountDependencies(): AccountDependencies {
  const stores = accountStores();
  return {
    identity: cognitoIdentityProvider(pool()),
    profiles: stores.profiles,
    registrations: stores.registrations,
    notices: stores.accountNotices,
    accountEmails: stores.accountEmails,
    clock: systemClock,
  };
}

/**
 * Runs a read-decide-write operation again when the performance changed between the read and the write (the
 * write's condition on the version says so), so a concurrent edit never makes a sign-up or casting fail.
 */
export async function retryOnVersionConflict<T>(operation: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= attempts) throw error;
    }
  }
}

/** The value, or undefined when it does not exist (a NotFoundError); any other error stays an error. */
export async function unlessNotFound<T>(pending: Promise<T>): Promise<T | undefined> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
