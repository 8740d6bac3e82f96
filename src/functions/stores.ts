import { config } from '../config';
import { dynamoPerformanceStore } from '../adapters/dynamodb/performance-store';
import { dynamoAccountEmailCounter } from '../adapters/dynamodb/account-email-counter';
import { dynamoDirectoryIndex } from '../adapters/dynamodb/directory-index';
import { dynamoInvitationStore } from '../adapters/dynamodb/invitation-store';
import { dynamoAccountNotices } from '../adapters/dynamodb/account-notices';
import { dynamoProfilePhotos } from '../adapters/dynamodb/profile-photos';
import { dynamoProfileStore, dynamoRegistrationStore } from '../adapters/dynamodb/profile-store';
import { dynamoReminderStore } from '../adapters/dynamodb/reminder-store';
import { dynamoSearchIndex } from '../adapters/dynamodb/search-store';
import { dynamoSignUpStore } from '../adapters/dynamodb/signup-store';
import { dynamoSuppressionList } from '../adapters/dynamodb/suppression-list';
import type { AccountEmailCounter } from '../domain/account-email-limit';
import type { AccountNotices, PendingRegistrationStore } from '../domain/accounts';
import { systemClock } from '../domain/clock';
import type { SuppressionList } from '../domain/email-suppression';
import type { DirectoryIndex } from '../domain/ports/directory';
import type { InvitationStore } from '../domain/ports/invitations';
import type { PerformanceStore } from '../domain/ports/performances';
import type { ProfilePhotos } from '../domain/ports/photos';
import type { ProfileStore } from '../domain/ports/profiles';
import type { ReminderStore } from '../domain/ports/reminders';
import type { SearchIndex } from '../domain/ports/search';
import type { SignUpStore } from '../domain/ports/sign-ups';

/** The stores a handler works with, each built on this deployment's table. */
export interface Stores {
  readonly performances: PerformanceStore;
  readonly search: SearchIndex;
  readonly profiles: ProfileStore;
  readonly signUps: SignUpStore;
  readonly reminders: ReminderStore;
  /** Sign-up requests waiting for their emailed code. */
  readonly registrations: PendingRegistrationStore;
  readonly accountNotices: AccountNotices;
  /** The account emails sent to each address this hour. */
  readonly accountEmails: AccountEmailCounter;
  /** The addresses SES reported bounced or complained: the mailer sends them nothing. */
  readonly suppressions: SuppressionList;
  /** The talent directory's index of listed performers. */
  readonly directory: DirectoryIndex;
  /** Invitations to audition, with each director's count of the day. */
  readonly invitations: InvitationStore;
  /** Each performer's photo ids, in order, on their profile. */
  readonly photos: ProfilePhotos;
}

/** Builds one store on a table. */
export type StoreBuilder<T> = (tableName: string) => T;

/** The builders of the stores a function uses, each under its name in `Stores`. */
export type StoreBuilders = { readonly [K in keyof Stores]?: StoreBuilder<Stores[K]> };

/** The stores that `B` builds. */
export type StoresOf<B extends StoreBuilders> = Pick<Stores, Extract<keyof B, keyof Stores>>;

// One builder per store, exported one by one and named as in `Stores`: a function imports the ones it uses, so
// its bundle carries only those stores' code (a table of all the builders would bring every store into every
// bundle).
export const performances: StoreBuilder<PerformanceStore> = dynamoPerformanceStore;
export const search: StoreBuilder<SearchIndex> = dynamoSearchIndex;
export const profiles: StoreBuilder<ProfileStore> = dynamoProfileStore;
export const signUps: StoreBuilder<SignUpStore> = dynamoSignUpStore;
export const reminders: StoreBuilder<ReminderStore> = dynamoReminderStore;
export const registrations: StoreBuilder<PendingRegistrationStore> = dynamoRegistrationStore;
export const accountNotices: StoreBuilder<AccountNotices> = (tableName) => dynamoAccountNotices(tableName, systemClock);
export const accountEmails: StoreBuilder<AccountEmailCounter> = dynamoAccountEmailCounter;
export const suppressions: StoreBuilder<SuppressionList> = dynamoSuppressionList;
export const directory: StoreBuilder<DirectoryIndex> = dynamoDirectoryIndex;
export const invitations: StoreBuilder<InvitationStore> = dynamoInvitationStore;
export const photos: StoreBuilder<ProfilePhotos> = dynamoProfilePhotos;

/**
 * The stores `builders` build, on a table.
 *
 * @example const { signUps } = storesOn({ signUps }, tableName);
 */
export function storesOn<B extends StoreBuilders>(builders: B, tableName: string): StoresOf<B> {
  const built: Record<string, unknown> = {};
  for (const [name, build] of Object.entries(builders)) if (build) built[name] = build(tableName);
  return built as StoresOf<B>;
}

/**
 * A function's stores, built once per cold start on the configured table: the one way every handler gets a
 * store (HTTP handlers name theirs to `protectedRoute`/`publicRoute` and receive them as `stores` in the request;
 * the stream, schedule and queue handlers call what this returns).
 *
 * @example const tableStores = storesOf({ signUps, performances }); … const { signUps } = tableStores();
 */
export function storesOf<B extends StoreBuilders>(builders: B): () => StoresOf<B> {
  let built: StoresOf<B> | undefined;
  return () => (built ??= storesOn(builders, config().tableName));
}
