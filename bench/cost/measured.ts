import { existsSync, readFileSync } from 'node:fs';
import { functions } from '../../src/manifest';
import type { FunctionName } from '../../src/manifest';
import type { BenchResults, Consumed } from '../results';

/** Units one event consumes, by table and index. */
export type Units = Record<string, { read: number; write: number }>;

/** What the model needs per function and per kind of event, from bench/results.json or the fallbacks below. */
export interface Measured {
  readonly source: string;
  /** Warm duration (ms) and module initialisation (ms) per function, and its memory (MB) from the manifest. */
  readonly functions: Record<FunctionName, { ms: number; initMs: number; memoryMb: number }>;
  readonly units: {
    readonly search: Units;
    readonly read: Units;
    readonly signUp: Units;
    readonly performanceCreate: Units;
    readonly indexSync: Units;
    readonly email: Units;
    readonly reminderMessage: Units;
  };
  /** Stream consumer time per performance re-filed in the index, per relayed outbox record, per other record. */
  readonly streamMs: { readonly indexSync: number; readonly relay: number; readonly ignored: number };
  readonly mailerMsPerEmail: number;
  readonly dispatcherMsPerReminder: number;
  readonly itemBytes: { readonly performance: number; readonly indexEntry: number };
  readonly indexEntriesPerPerformance: number;
}

/**
 * Fallbacks, used for whatever bench/results.json does not hold (or when it is missing): figures of the same
 * kind measured on this code by an earlier `npm run bench`, rounded up. Durations not measured at all (the
 * authorizer, the auth routes that wait on Cognito, the relay and the quarter-hourly runs) are estimates.
 */
export const fallback = {
  httpMs: 15,
  initMs: 90,
  authorizerMs: 10,
  cognitoRouteMs: 150,
  scheduleIdleMs: 20,
  streamMs: { indexSync: 55, relay: 20, ignored: 2 },
  mailerMsPerEmail: 7,
  dispatcherMsPerReminder: 35,
  itemBytes: { performance: 1600, indexEntry: 900 },
  indexEntriesPerPerformance: 32,
  units: {
    search: { gsi2: { read: 4, write: 0 } },
    read: { table: { read: 1.5, write: 0 } },
    signUp: { table: { read: 1.5, write: 12 }, gsi1: { read: 0, write: 1 }, gsi3: { read: 0, write: 1 } },
    performanceCreate: { table: { read: 0.5, write: 4 }, gsi1: { read: 0, write: 2 } },
    indexSync: { table: { read: 0, write: 64 }, gsi2: { read: 0, write: 32 } },
    email: { table: { read: 0, write: 2 } },
    reminderMessage: { table: { read: 11, write: 8 }, gsi3: { read: 0.1, write: 1 } },
  } satisfies Record<string, Units>,
} as const;

const unitsOr = (consumed: Consumed | undefined, otherwise: Units): Units =>
  consumed?.byIndex && Object.keys(consumed.byIndex).length ? consumed.byIndex : otherwise;

/**
 * One operation's units as `npm run bench -- units` measured them (the row of the function that pays them), when
 * that step has run: real items, transactions priced by DynamoDB's rules.
 */
function fromUnitsStep(results: BenchResults | undefined, operation: string, fn: string): Units | undefined {
  return results?.units?.rows.find(
    (r) => (r.operation === operation || r.operation.startsWith(`${operation} (`)) && r.function === fn,
  )?.byResource;
}

/** The measurements in bench/results.json, completed with the fallbacks. */
export function measured(path: string): Measured {
  const results = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as BenchResults) : undefined;
  const perRequest = results?.perRequest;
  const httpMs: Partial<Record<FunctionName, number>> = {
    'performance-search': perRequest?.search.ms,
    'performance-get': perRequest?.performanceGet.ms,
    'signup-create': perRequest?.signUp.ms,
    'performance-create': perRequest?.performanceCreate.ms,
  };
  const fns = Object.fromEntries(
    functions.map((f) => {
      const bundle = results?.bundles?.functions?.find((b) => b.name === f.name);
      const ms =
        f.name === 'authorizer'
          ? fallback.authorizerMs
          : ['auth-signup', 'auth-confirm', 'auth-login'].includes(f.name)
            ? fallback.cognitoRouteMs
            : f.trigger.kind === 'schedule'
              ? fallback.scheduleIdleMs
              : (httpMs[f.name] ?? fallback.httpMs);
      return [f.name, { ms, initMs: bundle?.initMs ?? fallback.initMs, memoryMb: f.memoryMb }];
    }),
  ) as Measured['functions'];
  return {
    source: results ? `bench/results.json of ${results.generatedAt}` : 'fallbacks (no bench/results.json)',
    functions: fns,
    units: {
      search:
        fromUnitsStep(results, 'search page', 'performance-search') ??
        unitsOr(perRequest?.search, fallback.units.search),
      read: unitsOr(perRequest?.performanceGet, fallback.units.read),
      signUp: fromUnitsStep(results, 'sign-up', 'signup-create') ?? unitsOr(perRequest?.signUp, fallback.units.signUp),
      performanceCreate:
        fromUnitsStep(results, 'performance create', 'performance-create') ??
        unitsOr(perRequest?.performanceCreate, fallback.units.performanceCreate),
      indexSync:
        fromUnitsStep(results, 'performance create', 'search-indexer') ??
        unitsOr(perRequest?.indexSync, fallback.units.indexSync),
      email: fromUnitsStep(results, 'sign-up', 'mailer') ?? unitsOr(perRequest?.mailerPerEmail, fallback.units.email),
      reminderMessage:
        fromUnitsStep(results, 'reminder message dispatched', 'reminder-dispatcher') ??
        unitsOr(perRequest?.dispatcherPerReminder, fallback.units.reminderMessage),
    },
    streamMs: { ...fallback.streamMs, indexSync: perRequest?.indexSync?.ms ?? fallback.streamMs.indexSync },
    mailerMsPerEmail: perRequest?.mailerPerEmail.ms ?? fallback.mailerMsPerEmail,
    dispatcherMsPerReminder: perRequest?.dispatcherPerReminder.ms ?? fallback.dispatcherMsPerReminder,
    itemBytes: results?.search.itemBytes ?? fallback.itemBytes,
    indexEntriesPerPerformance: results?.search.facetsPerPerformance ?? fallback.indexEntriesPerPerformance,
  };
}
