import { config } from '../config';
import { dynamoRegistrationStore } from '../adapters/dynamodb/profile-store';
import { cognitoIdentityProvider } from '../adapters/cognito/identity-provider';
import { dynamoAccountNotices } from '../adapters/dynamodb/account-notices';
import { dynamoReminderStore } from '../adapters/dynamodb/reminder-store';
import { dynamoSignUpStore } from '../adapters/dynamodb/signup-store';
import type { AccountDependencies } from '../domain/accounts';
import { systemClock } from '../domain/clock';
import { NotFoundError, VersionConflictError } from '../domain/errors';
import type { Profile } from '../domain/profile';
import type { Caller } from './http/caller';

import { stores } from './stores';

/** The table every handler uses. HTTP handlers get their stores from the request (`stores`) instead. */
export const tableName = () => config().tableName;

export const profiles = () => stores().profiles;

/** The user pool of this deployment. */
export function pool() {
  const { userPoolId, userPoolClientId: clientId } = config();
  return { userPoolId, clientId };
}

/** What registering and completing an account needs. */
export function accountDependencies(): AccountDependencies {
  return {
    identity: cognitoIdentityProvider(pool()),
    profiles: profiles(),
    registrations: dynamoRegistrationStore(tableName()),
    notices: dynamoAccountNotices(tableName(), systemClock),
    clock: systemClock,
  };
}

/** The caller's profile; every signed-up user has one. */
export async function callerProfile(caller: Caller): Promise<Profile> {
  const profile = await profiles().get(caller.userId);
  if (!profile) throw new NotFoundError('No profile exists for this account.');
  return profile;
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

/** The sign-ups of this deployment's table. */
export const signUps = () => dynamoSignUpStore(tableName());

/** The audition reminders of this deployment's table. */
export const reminders = () => dynamoReminderStore(tableName());

/** The value, or undefined when it does not exist (a NotFoundError); any other error stays an error. */
export async function unlessNotFound<T>(pending: Promise<T>): Promise<T | undefined> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
