import { config } from '../config';
import { dynamoPerformanceStore } from '../adapters/dynamodb/performance-store';
import { dynamoProfileStore } from '../adapters/dynamodb/profile-store';
import { dynamoSearchIndex } from '../adapters/dynamodb/search-store';
import type { SignUpRecord } from '../adapters/dynamodb/signup-store';
import { listSignUpsOfPerformance, listSignUpsOfPerformer, readSignUp } from '../adapters/dynamodb/signup-store';
import type { PerformanceStore } from '../domain/ports/performances';
import type { ProfileStore } from '../domain/ports/profiles';
import type { SearchIndex } from '../domain/ports/search';

/** Reading sign-ups (until the sign-up store has its own domain port). */
export interface SignUpReads {
  /** One performer's sign-up for a performance; `NotFoundError` when there is none. */
  read(performanceId: string, performerId: string): Promise<SignUpRecord>;
  ofPerformance(performanceId: string): Promise<SignUpRecord[]>;
  /** Newest first. */
  ofPerformer(performerId: string): Promise<SignUpRecord[]>;
}

/** The stores a handler works with, each built on this deployment's table. */
export interface Stores {
  readonly performances: PerformanceStore;
  readonly search: SearchIndex;
  readonly profiles: ProfileStore;
  readonly signUps: SignUpReads;
}

/** The stores on a table. */
export function storesOn(tableName: string): Stores {
  return {
    performances: dynamoPerformanceStore(tableName),
    search: dynamoSearchIndex(tableName),
    profiles: dynamoProfileStore(tableName),
    signUps: {
      read: (performanceId, performerId) => readSignUp(tableName, performanceId, performerId),
      ofPerformance: (performanceId) => listSignUpsOfPerformance(tableName, performanceId),
      ofPerformer: (performerId) => listSignUpsOfPerformer(tableName, performerId),
    },
  };
}

let built: Stores | undefined;

/** This function's stores, built once per cold start on the configured table. */
export function stores(): Stores {
  built ??= storesOn(config().tableName);
  return built;
}
