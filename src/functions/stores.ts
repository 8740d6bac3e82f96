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

/** The stores on a table. */
export function storesOn(tableName: string): Stores {
  return {
    performances: dynamoPerformanceStore(tableName),
    search: dynamoSearchIndex(tableName),
    profiles: dynamoProfileStore(tableName),
    signUps: dynamoSignUpStore(tableName),
    reminders: dynamoReminderStore(tableName),
    registrations: dynamoRegistrationStore(tableName),
    accountNotices: dynamoAccountNotices(tableName, systemClock),
    accountEmails: dynamoAccountEmailCounter(tableName),
    suppressions: dynamoSuppressionList(tableName),
    directory: dynamoDirectoryIndex(tableName),
    invitations: dynamoInvitationStore(tableName),
    photos: dynamoProfilePhotos(tableName),
  };
}

let built: Stores | undefined;

/**
 * This function's stores, built once per cold start on the configured table: the one way every handler gets a
 * store (HTTP handlers receive them as `stores` in the request; the stream, schedule and queue handlers call this).
 */
export function stores(): Stores {
  built ??= storesOn(config().tableName);
  return built;
}
