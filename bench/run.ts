/**
 * `npm run bench`: measures bundles, search at 10k and 100k performances against a naive Scan, the API under
 * load, and 10k reminders due at once, all against a local stack of its own (in memory, random ports, loopback
 * only). Prints a progress line per step, writes bench/results.json and prints the results as Markdown tables.
 * Keeps to a 10-minute budget: the last steps shorten themselves (and say so in the notes) when earlier ones ran
 * long on a busy machine.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { startLocalSystem } from '../local/system';
import { measureBundles } from './bundles';
import { measureGrouping, measureSdkImport } from './grouping';
import { meterDynamoDb, perRequest } from './capacity';
import { benchPerformance } from './catalogue';
import { loadTest } from './load';
import type { LoadRequest, LoadResult } from './load';
import { measureReminders } from './reminders';
import { markdownReport } from './report';
import type { BenchResults } from './results';
import { facetsPerPerformance, itemBytes, queriedFacets, searchBench, searches } from './search';
import { quantile, round } from './stats';
import { setTableStream } from './table-stream';
import { apiCall, signedUpUser, signedUpUsers } from './users';
import { bundleImportRuns, runSteps } from './units-step';
import { deployedLimits } from '../local/runtime/throughput';

// `npm run bench -- units`: only the named steps (see bench/units-step.ts), into bench/results.json.
const selectedSteps = process.argv.slice(2);
if (selectedSteps.length) {
  await runSteps(selectedSteps).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

const budgetSeconds = 600;
// BENCH_QUICK=1: a smoke run with everything scaled down, to try changes to the benchmark itself.
const quick = process.env.BENCH_QUICK === '1';
const scale = {
  slots: quick ? 40 : 500,
  small: quick ? 2_000 : 10_000,
  large: quick ? 6_000 : 100_000,
  searchRuns: quick ? 30 : 200,
  performers: quick ? 10 : 80,
  maxDuration: quick ? 5 : 30,
};
const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;
const progress = (line: string) => console.log(`[${elapsed().toFixed(0).padStart(3)} s] ${line}`);
const notes: string[] = [];
const loadAverageAtStart = round(loadavg()[0] ?? 0, 2);

progress(
  `bundles: building every function with the CDK stack’s esbuild options, ${bundleImportRuns} cold imports each`,
);
const measuredBundles = await measureBundles(bundleImportRuns, progress);
const bundles = {
  ...measuredBundles,
  grouping: await measureGrouping(measuredBundles, bundleImportRuns, progress),
  sdk: await measureSdkImport(bundleImportRuns),
};

progress('starting the local stack (in memory, random ports)');
const stackLog: string[] = [];
// Unmetered while loading and measuring units; the load steps below run under the deployed throughput.
const system = await startLocalSystem({
  log: (line) => stackLog.push(line),
  throughput: 'unmetered',
  routeThrottling: 'off',
});
const meter = meterDynamoDb();
const table = system.stack.resources.tableName;
try {
  progress('reminders: 10,000 performers due at one quarter hour across 500 slots');
  const reminders = await measureReminders(system, meter, progress, {
    slots: scale.slots,
    perSlot: 20,
    slotsPerPerformance: 20,
    waitMs: 300_000,
  });

  // Bulk loads bypass the stream, as a restore would: otherwise the local stream consumer would rebuild every
  // index entry one transaction at a time, and the outbox of the load test would keep the mailer busy meanwhile.
  await setTableStream(table, false);
  notes.push(
    'The table stream is switched off after the reminder step: the search data is bulk-loaded around it, and the ' +
      'load test measures the API alone (in AWS the stream consumer and mailer run in their own Lambdas).',
  );

  const performer = await signedUpUser(system, 'performer');
  progress('search: loading 10,000 performances straight into DynamoDB Local');
  const search = await searchBench(system, meter, performer, progress, { performanceItemsInMainTable: scale.small });
  const at10k = await search.measureAt(scale.small, { runs: scale.searchRuns, scanRuns: () => 2 });
  const fullIndexItems = Math.round(facetsPerPerformance * 100_000 + 100_000);
  const estimatedLoadMinutes = round(fullIndexItems / at10k.itemsPerSecond / 60);
  notes.push(
    `A full index at 100k performances is ${fullIndexItems.toLocaleString('en')} items ` +
      `(${round(facetsPerPerformance)} entries a performance plus the performance item); at the ` +
      `${at10k.itemsPerSecond} items/s DynamoDB Local took at 10k that is ~${estimatedLoadMinutes} min, over the ` +
      `budget. So both sizes load the performance items (into a naive table of their own, and the first 10k into ` +
      `the main table too) and the index entries of the partitions the searches read (${queriedFacets.join(', ')}), ` +
      'all of them: a Query reads only its own partition, so the entries left out cannot change what it costs.',
  );
  progress('search: loading up to 100,000 performances');
  if (quick) notes.push('BENCH_QUICK=1: a scaled-down smoke run, not the measurement.');
  // One Scan of 100k items takes half a minute or more on DynamoDB Local; a second fits only when time is left.
  const scanRuns = () => (elapsed() < 380 ? 2 : 1);
  const at100k = await search.measureAt(scale.large, { runs: scale.searchRuns, scanRuns });
  notes.push(
    `The naive Scan ran ${at100k.naiveScan.runs === 1 ? 'once' : 'twice'} at ${scale.large.toLocaleString('en')} ` +
      `performances and twice at ${scale.small.toLocaleString('en')}: its p50 and p99 are of those few runs (p99 is ` +
      'the slower run); its read units are exact.',
  );
  const indexWrites = await search.measureIndexWrites(20);
  progress(
    `  indexing one new performance: ${indexWrites.entriesPerPerformance} entries, ${indexWrites.writeUnitsPerPerformance} WCU`,
  );

  progress('load: creating performers and performances for the sign-up load');
  const setupStarted = performance.now();
  const director = await signedUpUser(system, 'director');
  const performers = await signedUpUsers(system, 'performer', scale.performers);
  const zone = 'Europe/London';
  const start = `${DateTime.now().setZone(zone).plus({ days: 30 }).toFormat('yyyy-MM-dd')}T10:00`;
  const signUpTargets: { performanceId: string; slotId: string; characterId: string }[] = [];
  const createMs: number[] = [];
  meter.reset();
  for (let i = 0; i < 64; i++) {
    const begun = performance.now();
    const created = await apiCall(
      system,
      'POST',
      '/performances',
      {
        title: `Load test ${i}`,
        description: 'A production for the load test.',
        kind: 'live',
        director: { name: 'Ann Director', email: 'ann.director@example.com', phone: '+442071838750' },
        castingDirector: { name: 'Cas Ting', email: 'cas.ting@example.com', phone: '+442071838751' },
        venue: { name: 'The Globe', address: '21 New Globe Walk', city: 'London', country: 'GB', timeZone: zone },
        dates: [`${DateTime.now().setZone(zone).plus({ days: 60 }).toFormat('yyyy-MM-dd')}T19:30`],
        characters: [{ name: 'Hamlet' }, { name: 'Ophelia' }],
        slots: [{ start, durationMinutes: 120, capacity: 500 }],
      },
      director.token,
    );
    createMs.push(performance.now() - begun);
    const body = created.body as {
      performanceId: string;
      slots: { slotId: string }[];
      characters: { characterId: string }[];
    };
    if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
    signUpTargets.push({
      performanceId: body.performanceId,
      slotId: body.slots[0]?.slotId ?? '',
      characterId: body.characters[0]?.characterId ?? '',
    });
  }
  const createUsed = meter.reset();
  const setupSeconds = round((performance.now() - setupStarted) / 1000);

  const remaining = budgetSeconds - elapsed() - 25;
  const duration = Math.max(10, Math.min(scale.maxDuration, Math.floor(remaining / 3) - 6));
  if (duration < 30 && !quick) {
    notes.push(`The load tests ran ${duration} s each instead of 30 s, to keep the whole run within 10 minutes.`);
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const searchRequests: LoadRequest[] = searches.map((s) => ({
    method: 'GET',
    path: `/performances?${s.query}`,
    headers: bearer(performer.token),
  }));
  const readRequests: LoadRequest[] = Array.from({ length: 2000 }, (_, i) => ({
    method: 'GET',
    path: `/performances/${benchPerformance((i * 7919) % scale.small, new Date(), ['x']).performanceId}`,
    headers: bearer(performer.token),
  }));
  const signUpRequests: LoadRequest[] = [];
  for (let i = 0; i < signUpTargets.length * performers.length; i++) {
    const target = signUpTargets[i % signUpTargets.length];
    const who = performers[Math.floor(i / signUpTargets.length)];
    if (!target || !who) continue;
    signUpRequests.push({
      method: 'POST',
      path: `/performances/${target.performanceId}/signup`,
      headers: { ...bearer(who.token), 'content-type': 'application/json' },
      body: JSON.stringify({ slotId: target.slotId, characterIds: [target.characterId] }),
    });
  }
  const load = [];
  // As in AWS: the table's and indexes' provisioned units, with DynamoDB's burst credit, bind the load.
  system.throughput.setLimits(deployedLimits());
  notes.push(
    'The load steps run under the deployed provisioned throughput (token buckets per table and index with 300 s ' +
      'of burst credit): requests over it are answered 503 with Retry-After, as in AWS.',
  );
  for (const [name, requests] of [
    ['GET /performances (search)', searchRequests],
    ['GET /performances/{id}', readRequests],
    ['POST /performances/{id}/signup', signUpRequests],
  ] as const) {
    progress(`load: ${name}, 32 connections, ${duration} s`);
    const result = await loadTest(system, meter, { name, requests, connections: 32, durationSeconds: duration });
    progress(
      `  ${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.errors} errors, ${result.non2xx} non-2xx`,
    );
    load.push(result);
  }

  const keyword100k = at100k.indexed[1];
  const [searchLoad, readLoad, signUpLoad] = load;
  const commands = reminders.consumption.byCommand;
  const units = (name: string) => commands[name]?.units ?? 0;
  // The mailer's claim (PutItem), record (UpdateItem) and release (DeleteItem); the rest is the dispatcher's.
  const mailerWrites = units('PutItemCommand') + units('UpdateItemCommand') + units('DeleteItemCommand');
  const emails = Math.max(1, reminders.emails);
  const slots = Math.max(1, reminders.slots);
  const consumedUnder = (result: LoadResult | undefined) => ({
    ms: result?.unloadedP50Ms ?? 0,
    readUnits: result?.readUnitsPerRequest ?? 0,
    writeUnits: result?.writeUnitsPerRequest ?? 0,
    byIndex: result?.unitsByIndex ?? {},
  });
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    command: 'npm run bench',
    elapsedSeconds: 0,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverageAtStart,
      loadAverageAtEnd: round(loadavg()[0] ?? 0, 2),
    },
    notes,
    bundles,
    search: {
      queriedFacets,
      facetsPerPerformance: round(facetsPerPerformance),
      fullIndex: { itemsAt100k: fullIndexItems, estimatedLoadMinutes },
      sizes: [at10k, at100k],
      indexWrites,
      itemBytes,
    },
    load,
    loadSetup: {
      performers: performers.length,
      performances: signUpTargets.length,
      signUpPairs: signUpRequests.length,
      setupSeconds,
    },
    reminders,
    perRequest: {
      search: {
        ms: keyword100k?.p50Ms ?? 0,
        readUnits: keyword100k?.readUnitsPerSearch ?? 0,
        writeUnits: 0,
        byIndex: keyword100k?.unitsByIndex ?? {},
      },
      performanceGet: consumedUnder(readLoad),
      signUp: consumedUnder(signUpLoad),
      performanceCreate: {
        ms: round(quantile(createMs, 0.5)),
        readUnits: round(createUsed.readUnits / 64, 2),
        writeUnits: round(createUsed.writeUnits / 64, 2),
        byIndex: perRequest(createUsed, 64),
      },
      indexSync: {
        ms: indexWrites.msPerPerformance,
        readUnits: 0,
        writeUnits: indexWrites.writeUnitsPerPerformance,
        byIndex: indexWrites.unitsByIndex,
        entries: indexWrites.entriesPerPerformance,
      },
      mailerPerEmail: {
        ms: round(reminders.allSentMs / Math.max(1, reminders.emails), 2),
        readUnits: 0,
        writeUnits: round(mailerWrites / emails, 2),
        byIndex: { table: { read: 0, write: round(mailerWrites / emails, 2) } },
      },
      dispatcherPerReminder: {
        ms: round(reminders.dispatchMs / slots, 1),
        readUnits: round(reminders.consumption.readUnits / slots, 2),
        writeUnits: round((reminders.consumption.writeUnits - mailerWrites) / slots, 2),
        byIndex: Object.fromEntries(
          Object.entries(reminders.consumption.byIndex).map(([name, u]) => [
            name,
            {
              read: round(u.read / slots, 2),
              write: round((u.write - (name === 'table' ? mailerWrites : 0)) / slots, 2),
            },
          ]),
        ),
      },
    },
  };
  void searchLoad;
  const final = { ...results, elapsedSeconds: round(elapsed()) };
  writeFileSync(resolve(import.meta.dirname, 'results.json'), `${JSON.stringify(final, null, 2)}\n`);
  progress('wrote bench/results.json');
  console.log(`\n${markdownReport(final)}\n`);
  for (const note of notes) console.log(`- ${note}`);
} finally {
  meter.remove();
  await system.stop();
  const failures = stackLog.filter((line) => /fail|error/i.test(line));
  if (failures.length)
    console.log(`\nLocal stack reported ${failures.length} failures, e.g.: ${failures.slice(0, 3).join(' | ')}`);
}
