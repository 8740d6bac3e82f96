import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { functions } from '../src/manifest';
import type { BundleResult, BundlesResult } from './bundles';
import { buildBundle, timeImport } from './bundles';
import { usageProfile } from './cost/profile';
import { median, round } from './stats';

/** What one function for every HTTP route would weigh and cost at a cold start, against one function per route. */
export interface GroupingResult {
  /** One bundle holding every HTTP route's handler, dispatching on the route key. */
  readonly grouped: Omit<BundleResult, 'name' | 'memoryMb'>;
  /** Per kind of session: the cold starts and cold-import time it meets when every function is cold. */
  readonly sessions: readonly {
    readonly who: 'performer' | 'director';
    readonly routeCallsPerSession: Readonly<Record<string, number>>;
    readonly separate: { readonly coldStarts: number; readonly coldImportMs: number };
    readonly grouped: { readonly coldStarts: number; readonly coldImportMs: number };
  }[];
  readonly method: string;
}

const repoRoot = resolve(import.meta.dirname, '..');
const httpFunctions = functions.filter((f) => f.trigger.kind === 'http');

/** The calls to each route in one session of a performer or a director, from the cost model's usage profile. */
function routeCallsPerSession(who: 'performer' | 'director'): Record<string, number> {
  const p = usageProfile.performer;
  const d = usageProfile.director;
  const calls: Record<string, number> =
    who === 'performer'
      ? {
          'auth-login': p.sessions,
          'performance-search': p.searches,
          'performance-get': p.performanceViews,
          'me-get': p.profileViews,
          'my-signups': p.mySignUpViews,
          'signup-create': p.signUps,
          'signup-withdraw': p.withdrawals,
          'signup-calendar': p.calendarDownloads,
          'me-update': p.profileEdits,
        }
      : {
          'auth-login': d.sessions,
          'performance-create': d.performancesCreated,
          'performance-update': d.performanceEdits,
          'performance-delete': d.performancesDeleted,
          'signups-list': d.signUpListViews,
          'performer-profile-get': d.performerProfileViews,
          'my-performances': d.myPerformanceViews,
          'performance-get': d.performanceViews,
          'me-get': d.profileViews,
          'casting-create': d.castings,
          'casting-close': d.castingCloses,
          'me-update': d.profileEdits,
        };
  const sessions = who === 'performer' ? p.sessions : d.sessions;
  return Object.fromEntries(Object.entries(calls).map(([name, monthly]) => [name, round(monthly / sessions, 2)]));
}

/**
 * The expected cold starts of a session whose functions are all cold (a product with little traffic: an idle
 * instance is reclaimed within minutes), with the calls of each route in a session spread as a Poisson count:
 * a function is started cold if it is called at all, with probability 1 − e^(−calls). The authorizer runs in
 * front of every signed-in call either way; it is counted in both.
 */
function sessionCost(calls: Record<string, number>, initMs: (name: string) => number, grouped?: number) {
  const used = (n: number) => 1 - Math.exp(-n);
  const authorizer = { coldStarts: 1, coldImportMs: initMs('authorizer') };
  if (grouped !== undefined) {
    const anyCall = used(Object.values(calls).reduce((a, b) => a + b, 0));
    return {
      coldStarts: round(authorizer.coldStarts + anyCall, 2),
      coldImportMs: round(authorizer.coldImportMs + anyCall * grouped, 1),
    };
  }
  let coldStarts = authorizer.coldStarts;
  let coldImportMs = authorizer.coldImportMs;
  for (const [name, n] of Object.entries(calls)) {
    coldStarts += used(n);
    coldImportMs += used(n) * initMs(name);
  }
  return { coldStarts: round(coldStarts, 2), coldImportMs: round(coldImportMs, 1) };
}

/**
 * Builds one bundle for every HTTP route (a router on API Gateway's route key in front of the same handlers),
 * times its cold import against the hello-world bundle as the bundles step does, and prices a performer's and a
 * director's session both ways with the bundles step's per-function import times.
 */
export async function measureGrouping(
  bundles: BundlesResult,
  runs: number,
  progress: (line: string) => void,
): Promise<GroupingResult> {
  const dir = mkdtempSync(join(tmpdir(), 'audition-me-grouping-'));
  try {
    const entry = join(dir, 'http-router.ts');
    const imports = httpFunctions.map(
      (f, i) => `import { handler as h${i} } from ${JSON.stringify(resolve(repoRoot, f.entry))};`,
    );
    const table = httpFunctions.map((f, i) => {
      const { route } = f.trigger as { route: { method: string; path: string } };
      return `  ${JSON.stringify(`${route.method} ${route.path}`)}: h${i},`;
    });
    writeFileSync(
      entry,
      [
        ...imports,
        `const routes: Record<string, (event: any, context: any) => Promise<unknown>> = {\n${table.join('\n')}\n};`,
        'export const handler = (event: any, context: any) => routes[event.routeKey]!(event, context);',
        '',
      ].join('\n'),
    );
    const helloEntry = join(dir, 'hello-world.mjs');
    writeFileSync(helloEntry, 'export const handler = async () => ({ statusCode: 200, body: "hello" });\n');
    const helloFile = join(dir, 'hello-world', 'index.mjs');
    await buildBundle(helloEntry, helloFile);
    const outfile = join(dir, 'http-router', 'index.mjs');
    const bundle = await buildBundle(entry, outfile);
    const samples: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < runs; i++) {
      baseline.push(await timeImport(helloFile));
      samples.push(await timeImport(outfile));
    }
    const grouped = {
      ...bundle,
      initMs: round(median(samples)),
      initSamplesMs: samples.map((s) => round(s)),
      initRatio: round(median(samples) / median(baseline), 2),
    };
    progress(
      `  one function for all ${httpFunctions.length} HTTP routes: ${round(bundle.bytes / 1024)} KiB, init ${grouped.initMs} ms = ${grouped.initRatio}× hello world`,
    );
    // Import times relative to the hello-world bundle of each run, so the two runs compare on a busy machine.
    const helloMs = median(baseline);
    const ratioOf = new Map(bundles.functions.map((f) => [f.name, f.initRatio]));
    const initMs = (name: string) => (ratioOf.get(name) ?? 0) * helloMs;
    const sessions = (['performer', 'director'] as const).map((who) => {
      const calls = routeCallsPerSession(who);
      const result = {
        who,
        routeCallsPerSession: calls,
        separate: sessionCost(calls, initMs),
        grouped: sessionCost(calls, initMs, grouped.initMs),
      };
      progress(
        `  a ${who}'s session: ${result.separate.coldStarts} cold starts, ${result.separate.coldImportMs} ms of cold imports with a function per route; ${result.grouped.coldStarts} and ${result.grouped.coldImportMs} ms grouped`,
      );
      return result;
    });
    return {
      grouped,
      sessions,
      method:
        'Every function cold at the session start; route calls per session from bench/cost/profile.ts, Poisson: a ' +
        'function starts cold with probability 1 − e^(−calls). Per-function import times are the bundles step’s ' +
        'ratios times this run’s hello-world import. Lambda’s own runtime start (not measurable here) adds the ' +
        'same time to every cold start, so it counts with the number of cold starts.',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The DynamoDB client's cold import, bundled (as deployed) and loaded from node_modules (as the Lambda runtime's copy). */
export interface SdkImportResult {
  readonly bundled: { readonly bytes: number; readonly initMs: number };
  readonly fromNodeModules: { readonly initMs: number };
  /** Only the Node built-in modules the bundled client imports (https, crypto, zlib…): the floor under any client. */
  readonly builtIns?: { readonly modules: readonly string[]; readonly initMs: number };
  readonly helloWorldMs: number;
  readonly method: string;
}

/**
 * Times importing the DynamoDB document client two ways, alternating with a hello-world bundle: bundled and
 * minified with the stack's options, and left external so Node loads the packages from node_modules, as a
 * function that uses the SDK copy inside the Lambda runtime would (the runtime's version differs from the pinned one).
 */
export async function measureSdkImport(runs: number): Promise<SdkImportResult> {
  const dir = mkdtempSync(join(tmpdir(), 'audition-me-sdk-'));
  try {
    const code =
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n" +
      "import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';\n" +
      'export const parts = [DynamoDBClient, DynamoDBDocumentClient, GetCommand];\n';
    const entry = join(repoRoot, `.bench-sdk-entry-${process.pid}.mjs`);
    writeFileSync(entry, code);
    const bundledFile = join(dir, 'bundled', 'index.mjs');
    try {
      await buildBundle(entry, bundledFile);
    } finally {
      rmSync(entry, { force: true });
    }
    // Beside the repository's node_modules, so the bare imports resolve there.
    const externalFile = join(repoRoot, `.bench-sdk-external-${process.pid}.mjs`);
    writeFileSync(externalFile, code);
    const helloFile = join(dir, 'hello.mjs');
    writeFileSync(helloFile, 'export const handler = async () => ({ statusCode: 200 });\n');
    // The built-ins the bundle imports statically (esbuild writes them as `from"node:…"`), imported alone.
    const builtIns = [...new Set(readFileSync(bundledFile, 'utf8').match(/(?<=from\s*")node:[\w/]+(?=")/g))].sort();
    const builtInsFile = join(dir, 'built-ins.mjs');
    writeFileSync(builtInsFile, builtIns.map((m) => `import '${m}';\n`).join(''));
    try {
      const hello: number[] = [];
      const bundled: number[] = [];
      const external: number[] = [];
      const builtInsOnly: number[] = [];
      for (let i = 0; i < runs; i++) {
        hello.push(await timeImport(helloFile));
        bundled.push(await timeImport(bundledFile));
        external.push(await timeImport(externalFile));
        builtInsOnly.push(await timeImport(builtInsFile));
      }
      return {
        bundled: { bytes: statSync(bundledFile).size, initMs: round(median(bundled)) },
        fromNodeModules: { initMs: round(median(external)) },
        builtIns: { modules: builtIns, initMs: round(median(builtInsOnly)) },
        helloWorldMs: round(median(hello)),
        method:
          'The DynamoDB and document clients alone, imported in fresh node processes (median), alternating with a ' +
          'hello-world module: bundled and minified with the stack’s esbuild options, and external (loaded from ' +
          'node_modules as the Lambda runtime’s own SDK copy would be); and a module importing only the Node ' +
          'built-ins the bundled client imports.',
      };
    } finally {
      rmSync(externalFile, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
