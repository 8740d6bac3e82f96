import type { BundlesResult } from './bundles';
import type { LoadResult } from './load';
import type { DirectoryBenchResult } from './directory';
import type { OpenCallResult } from './open-call';
import type { ReminderResult } from './reminders';
import type { IndexWriteMeasurement, SearchAtSize } from './search';
import type { UnitsResult } from './units';

/** What one request or event costs, as the cost model (`npm run cost`) reads it. */
export interface Consumed {
  /** Function time, ms: the unloaded local latency, an upper bound for the handler alone. */
  readonly ms: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  /** The same units by table and index (`table`, `gsi1`, `gsi2`, `gsi3`). */
  readonly byIndex: Record<string, { readonly read: number; readonly write: number }>;
}

/** Everything `npm run bench` measured: bench/results.json. */
export interface BenchResults {
  readonly generatedAt: string;
  readonly command: string;
  readonly elapsedSeconds: number;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly node: string;
    readonly loadAverageAtStart: number;
    readonly loadAverageAtEnd: number;
  };
  readonly notes: readonly string[];
  readonly bundles: BundlesResult;
  readonly search: {
    readonly queriedFacets: readonly string[];
    readonly facetsPerPerformance: number;
    readonly fullIndex: { readonly itemsAt100k: number; readonly estimatedLoadMinutes: number };
    readonly sizes: readonly SearchAtSize[];
    readonly indexWrites: IndexWriteMeasurement;
    /** Average item sizes, bytes: the performance item and one search index entry. */
    readonly itemBytes: { readonly performance: number; readonly indexEntry: number };
  };
  readonly load: readonly LoadResult[];
  readonly loadSetup: {
    readonly performers: number;
    readonly performances: number;
    readonly signUpPairs: number;
    readonly setupSeconds: number;
  };
  readonly reminders: ReminderResult;
  /** `npm run bench -- units`: every operation's units per function, table and index. */
  readonly units?: UnitsResult;
  /** `npm run bench -- open-call`: an open call under the deployed throughput. */
  readonly openCall?: OpenCallResult;
  readonly directory?: DirectoryBenchResult;
  readonly perRequest: {
    readonly search: Consumed;
    readonly performanceGet: Consumed;
    readonly signUp: Consumed;
    readonly performanceCreate: Consumed;
    /** The search indexer (stream consumer) re-filing one performance in the search index (create, update, a slot passing). */
    readonly indexSync: Consumed & { readonly entries: number };
    readonly mailerPerEmail: Consumed;
    readonly dispatcherPerReminder: Consumed;
  };
}
