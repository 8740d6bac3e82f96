import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startLocalSystem } from '../local/system';
import { tableDefinition } from '../src/adapters/dynamodb/table-definition';
import { measureBundles } from './bundles';
import { measureGrouping, measureSdkImport } from './grouping';
import { meterDynamoDb } from './capacity';
import { measureDirectory } from './directory';
import { measureOpenCall, openCallOptions } from './open-call';
import { bundlesReport, directoryReport, openCallReport } from './report';
import type { Person, UnitsResult } from './units';
import { measureUnits } from './units';

/** The steps `npm run bench -- <step>` runs on their own (without a step: the whole benchmark). */
export const steps = ['units', 'open-call', 'bundles', 'directory'] as const;

/** The units of every operation as a Markdown table: per function, total and per table and index. */
export function unitsTable(units: UnitsResult): string {
  const resources = ['table', ...tableDefinition.indexes.map((index) => index.name)];
  const header = ['Operation', 'Function', 'Per', 'R', 'W', ...resources.map((r) => `${r} R/W`)];
  const lines = [header, header.map(() => '---')];
  for (const row of units.rows) {
    lines.push([
      row.operation,
      row.function,
      row.per,
      String(row.readUnits),
      String(row.writeUnits),
      ...resources.map((r) => {
        const u = row.byResource[r];
        return u ? `${u.read} / ${u.write}` : '';
      }),
    ]);
  }
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Fresh imports of each bundle (and as many of the hello-world bundle) the bundles step medians. */
export const bundleImportRuns = process.env.BENCH_QUICK === '1' ? 3 : 15;

/** Merges one section into bench/results.json, leaving the others as they are. */
function writeSection(section: string, value: unknown): void {
  const file = resolve(import.meta.dirname, 'results.json');
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...previous, [section]: value }, null, 2)}\n`);
}

/** Runs the named steps, each against a local stack of its own, and writes their results into bench/results.json. */
export async function runSteps(names: readonly string[]): Promise<void> {
  const unknown = names.filter((name) => !(steps as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`No bench step ${unknown.join(', ')}; the steps are: ${steps.join(', ')}`);
  const started = performance.now();
  const progress = (line: string) =>
    console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  for (const name of names) {
    if (name === 'bundles') {
      progress(
        `bundles: building every function with the CDK stack’s esbuild options, ${bundleImportRuns} cold imports each`,
      );
      const measured = await measureBundles(bundleImportRuns, progress);
      progress('grouping: every HTTP route in one function, against one function per route');
      const grouping = await measureGrouping(measured, bundleImportRuns, progress);
      progress('sdk: the DynamoDB client bundled, against loading it from node_modules as the runtime’s copy');
      const bundles = { ...measured, grouping, sdk: await measureSdkImport(bundleImportRuns) };
      writeSection('bundles', bundles);
      progress('wrote bench/results.json (bundles)');
      console.log(`\n${bundlesReport(bundles)}\n`);
      continue;
    }
    progress(`starting the local stack for ${name} (in memory, random ports; throughput unmetered to start)`);
    // 100k performers are about 275,000 items: in DynamoDB Local's default 512 MB heap the loading crawls (GC).
    if (name === 'directory') process.env.DYNAMODB_LOCAL_HEAP ??= '3g';
    const stackLog: string[] = [];
    const system = await startLocalSystem({
      log: (line) => stackLog.push(line),
      throughput: 'unmetered',
      // The bench signs up its users ten at a time, beyond the auth routes' throttles.
      routeThrottling: 'off',
      ...(name === 'open-call' ? { sesSendRate: { perSecond: 14 } } : {}),
    });
    try {
      if (name === 'units') {
        const units = await measureUnits(system, progress);
        writeSection('units', units);
        progress('wrote bench/results.json (units)');
        console.log(`\n${unitsTable(units)}\n`);
      } else if (name === 'directory') {
        const sizes = process.env.BENCH_QUICK === '1' ? [2_000, 6_000] : [10_000, 100_000];
        progress(`directory: ${sizes.join(' and ')} performers, GET /performers read units a page`);
        const director: Person = { userId: 'bench-director', email: 'director@bench.example.com', role: 'director' };
        const directory = await measureDirectory(system, meterDynamoDb(), director, sizes, progress, {
          runs: 10,
          pagesPerRun: 3,
        });
        writeSection('directory', directory);
        progress('wrote bench/results.json (directory)');
        console.log(`\n${directoryReport(directory)}\n`);
      } else {
        const openCall = await measureOpenCall(system, progress, openCallOptions(process.env.BENCH_QUICK === '1'));
        writeSection('openCall', openCall);
        progress('wrote bench/results.json (openCall)');
        console.log(`\n${openCallReport(openCall)}\n`);
      }
    } finally {
      await system.stop();
      const failures = stackLog.filter((line) => /fail|error/i.test(line));
      if (failures.length)
        console.log(`\nLocal stack reported ${failures.length} failures, e.g.: ${failures.slice(0, 3).join(' | ')}`);
    }
  }
}
