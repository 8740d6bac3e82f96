import type { BenchResults } from './results';

const kib = (bytes: number) => (bytes / 1024).toFixed(0);

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The benchmark results as Markdown tables, as printed by `npm run bench` and quoted in the docs. */
export function markdownReport(results: BenchResults): string {
  const parts: string[] = [];
  parts.push(
    `Measured ${results.generatedAt} on ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, ` +
      `in ${results.elapsedSeconds} s (load average ${results.machine.loadAverageAtStart} at the start: shared machine, noisy numbers).`,
  );
  parts.push(
    '### Bundles (esbuild, the CDK stack’s options) and module initialisation (median of ' +
      `${results.bundles[0]?.initSamplesMs.length ?? 0} fresh node processes)\n\n` +
      table(
        ['function', 'memory MB', 'bundle KiB', 'gzip KiB', 'init ms'],
        results.bundles.map((b) => [b.name, b.memoryMb, kib(b.bytes), kib(b.gzipBytes), b.initMs]),
      ),
  );
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
  return parts.join('\n\n');
}
