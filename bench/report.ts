import type { BundlesResult } from './bundles';
import type { OpenCallResult } from './open-call';
import type { DirectoryBenchResult } from './directory';
import type { BenchResults } from './results';

const kib = (bytes: number) => (bytes / 1024).toFixed(0);

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The bundles as a Markdown table: size, heaviest packages, and cold import against a hello-world handler. */
export function bundlesReport(bundles: BundlesResult): string {
  return (
    '### Bundles (esbuild, the CDK stack’s options) and module initialisation (median of ' +
    `${bundles.runs} fresh node processes, alternating with a hello-world bundle of ${kib(bundles.helloWorld.bytes)} KiB ` +
    `that took ${bundles.helloWorld.initMs} ms)\n\n` +
    table(
      ['function', 'memory MB', 'bundle KiB', 'gzip KiB', 'heaviest packages (KiB)', 'init ms', '× hello world'],
      bundles.functions.map((b) => [
        b.name,
        b.memoryMb,
        kib(b.bytes),
        kib(b.gzipBytes),
        b.topPackages
          .slice(0, 4)
          .map((p) => `${p.name} ${kib(p.bytes)}`)
          .join(', '),
        b.initMs,
        b.initRatio,
      ]),
    ) +
    groupingReport(bundles)
  );
}

function groupingReport({ grouping, sdk }: BundlesResult): string {
  const sdkLine = sdk
    ? `\n\nThe DynamoDB client alone: bundled ${kib(sdk.bundled.bytes)} KiB, init ${sdk.bundled.initMs} ms; loaded from ` +
      `node_modules (as the Lambda runtime's copy) ${sdk.fromNodeModules.initMs} ms; ` +
      (sdk.builtIns
        ? `its Node built-ins alone (${sdk.builtIns.modules.join(', ')}) ${sdk.builtIns.initMs} ms; `
        : '') +
      `hello world ${sdk.helloWorldMs} ms.`
    : '';
  if (!grouping) return sdkLine;
  const { grouped, sessions } = grouping;
  return (
    `\n\nEvery HTTP route in one function instead: ${kib(grouped.bytes)} KiB, init ${grouped.initMs} ms ` +
    `(${grouped.initRatio}× hello world). Cold starts and cold-import time of a session that finds every function cold:\n\n` +
    table(
      ['session', 'cold starts, a function per route', 'cold imports ms', 'cold starts, grouped', 'cold imports ms'],
      sessions.map((s) => [
        s.who,
        s.separate.coldStarts,
        s.separate.coldImportMs,
        s.grouped.coldStarts,
        s.grouped.coldImportMs,
      ]),
    ) +
    sdkLine
  );
}

/** The benchmark results as Markdown tables, as printed by `npm run bench` and quoted in the docs. */
export function markdownReport(results: BenchResults): string {
  const parts: string[] = [];
  parts.push(
    `Measured ${results.generatedAt} on ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, ` +
      `in ${results.elapsedSeconds} s (load average ${results.machine.loadAverageAtStart} at the start: shared machine, noisy numbers).`,
  );
  parts.push(bundlesReport(results.bundles));
  const searchRows = results.search.sizes.flatMap((size) =>
    size.indexed.map((s) => [
      size.performances.toLocaleString('en'),
      s.name,
      `\`${s.facet}\``,
      s.p50Ms,
      s.p99Ms,
      s.readUnitsPerSearch,
      s.resultsPerPage,
    ]),
  );
  const scanRows = results.search.sizes.map((size) => [
    size.performances.toLocaleString('en'),
    size.naiveScan.runs,
    size.naiveScan.p50Ms,
    size.naiveScan.p99Ms,
    size.naiveScan.readUnitsPerSearch,
    size.naiveScan.scannedItems,
    `${size.readUnitsRatio}×`,
    `${size.latencyRatio}×`,
  ]);
  parts.push(
    `### Search through the API (${results.search.sizes[0]?.indexed[0]?.runs ?? 0} sequential searches each)\n\n` +
      table(
        ['performances', 'search', 'gsi2 partition read', 'p50 ms', 'p99 ms', 'RCU/search', 'results/page'],
        searchRows,
      ) +
      '\n\nNaive design: Scan of a table holding only the performance items, substring filter, to the last page\n\n' +
      table(
        [
          'performances',
          'runs',
          'p50 ms',
          'p99 ms',
          'RCU/search',
          'items read',
          'RCU vs keyword search',
          'p50 vs keyword search',
        ],
        scanRows,
      ),
  );
  parts.push(
    '### The API under load (autocannon)\n\n' +
      table(
        [
          'endpoint',
          'connections',
          's',
          'requests',
          'req/s',
          'p50 ms',
          'p99 ms',
          'errors',
          'non-2xx',
          'unloaded p50 ms',
          'RCU/req',
          'WCU/req',
        ],
        results.load.map((l) => [
          l.name,
          l.connections,
          l.durationSeconds,
          l.requests,
          l.requestsPerSecond,
          l.p50Ms,
          l.p99Ms,
          l.errors,
          l.non2xx,
          l.unloadedP50Ms,
          l.readUnitsPerRequest,
          l.writeUnitsPerRequest,
        ]),
      ),
  );
  const r = results.reminders;
  parts.push(
    '### Reminders due in one quarter hour\n\n' +
      table(
        [
          'reminders',
          'slots',
          'dispatch s',
          'queue messages',
          'emails',
          'duplicates',
          'missing',
          'all sent s',
          'emails/s',
        ],
        [
          [
            r.reminders,
            r.slots,
            (r.dispatchMs / 1000).toFixed(1),
            r.messages,
            r.emails,
            r.duplicates,
            r.missing,
            `${(r.allSentMs / 1000).toFixed(0)}${r.timedOut ? ' (stopped waiting)' : ''}`,
            r.emailsPerSecond,
          ],
        ],
      ),
  );
  if (results.openCall) parts.push(openCallReport(results.openCall));
  if (results.directory) parts.push(directoryReport(results.directory));
  return parts.join('\n\n');
}

/** The open call (`npm run bench -- open-call`) as Markdown tables. */
export function openCallReport(o: OpenCallResult): string {
  const s = o.signUps;
  const peaks = (peak: OpenCallResult['phases'][number]['peakUnitsPerSecond']) =>
    Object.entries(peak)
      .map(([r, u]) => `${r} ${u.read}/${u.write} of ${u.provisionedRead}/${u.provisionedWrite}`)
      .join(', ');
  return [
    `### Open call under the deployed throughput (${s.arrivals} sign-ups offered at ${s.offeredPerSecond}/s over ${s.arrivalSeconds} s)`,
    table(
      ['sign-ups', 'p50 ms', 'p99 ms', '201', '409', '503', 'other 5xx', '503 share', 'withdrawals'],
      [
        [
          s.arrivals,
          s.p50Ms,
          s.p99Ms,
          s.status201,
          s.status409,
          s.status503,
          s.otherServerErrors,
          `${(s.share503 * 100).toFixed(1)}%`,
          Object.entries(s.withdrawalsByStatus)
            .map(([code, n]) => `${n}×${code}`)
            .join(', '),
        ],
      ],
    ),
    table(
      [
        'phase',
        'emails expected',
        'delivered',
        'lost',
        'duplicated',
        'all delivered s',
        'left on queues (email / dead letters / stream failures)',
        'peak R/W per s (of provisioned)',
      ],
      o.phases.map((p) => [
        p.name,
        p.emails.expected,
        p.emails.delivered,
        p.emails.lost,
        p.emails.duplicated,
        p.emails.allDeliveredSeconds ?? `> ${p.emails.waitSeconds} (${p.emails.deliveredWithinWait} by then)`,
        p.leftBehind
          ? `${p.leftBehind.emailQueue} / ${p.leftBehind.emailDeadLetters} / ` +
            Object.values(p.leftBehind.streamFailures).reduce((a, b) => a + b, 0)
          : '',
        peaks(p.peakUnitsPerSecond),
      ]),
    ),
    `Reminders: ${o.reminders.due} due, ${o.reminders.dispatcherRuns} dispatcher runs, ` +
      `${o.reminders.dispatcherFailures.length} of them failed${o.reminders.dispatcherFailures[0] ? ` (${o.reminders.dispatcherFailures[0].slice(0, 80)}…)` : ''}; ` +
      `closing casting on ${o.closeCasting.signUps} sign-ups answered ${o.closeCasting.status} in ${o.closeCasting.ms} ms.`,
    table(
      ['ceiling at the deployed throughput', 'value', 'bound by'],
      [
        ['sustained sign-ups a second (with their email)', o.ceilings.signUpsPerSecond, o.ceilings.signUpsBoundBy],
        [
          'reminders per dispatcher run of 120 s (sustained / with full burst)',
          `${o.ceilings.remindersPerRun} / ${o.ceilings.remindersPerRunWithBurst}`,
          o.ceilings.remindersBoundBy,
        ],
        ['emails a second', o.ceilings.emailsPerSecond, o.ceilings.emailsBoundBy],
      ],
    ),
  ].join('\n\n');
}

/** The talent directory (`npm run bench -- directory`) as a Markdown table: read units a page at each size. */
export function directoryReport(d: DirectoryBenchResult): string {
  return [
    '### Talent directory: GET /performers, read units a page (page size 20)',
    table(
      [
        'performers',
        'search',
        'facet read',
        'RCU a page',
        'max RCU a page',
        'calls a page',
        'results a page',
        'p50 ms',
      ],
      d.sizes.flatMap((size) =>
        size.searches.map((s) => [
          size.performers,
          s.name,
          s.facet,
          s.readUnitsPerPage,
          s.maxReadUnitsPerPage,
          s.dynamoCallsPerPage,
          s.resultsPerPage,
          s.p50Ms,
        ]),
      ),
    ),
  ].join('\n\n');
}
