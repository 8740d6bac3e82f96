import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalSystem } from '../local/system';
import { writeSearchEntries } from '../src/adapters/dynamodb/search-index';
import { performanceItem } from '../src/adapters/dynamodb/performance-store';
import { searchIndexSteps, searchSummary } from '../src/adapters/dynamodb/search-index';
import { keyPrefixes } from '../src/adapters/dynamodb/keys';
import { planSearch } from '../src/domain/search-plan';
import { searchQuery } from '../src/schemas/search';
import { bulkWrite } from './bulk-load';
import { itemSize } from './item-size';
import type { meterDynamoDb } from './capacity';
import { perRequest } from './capacity';
import { benchPerformance, benchQueries } from './catalogue';
import { createNaiveTable, naiveSearch, naiveTableName } from './naive-search';
import { quantile, round } from './stats';
import type { BenchUser } from './users';

/** The searches measured: the default listing, a keyword, a keyword within a city, and a city's live work. */
export const searches = [
  { name: 'browse (no filter)', query: 'limit=20' },
  { name: `keyword "${benchQueries.keyword}"`, query: `q=${benchQueries.keyword}&limit=20` },
  {
    name: `keyword "${benchQueries.keyword}" in ${benchQueries.city.city}`,
    query: `q=${benchQueries.keyword}&city=${benchQueries.city.city}&country=${benchQueries.city.country}&limit=20`,
  },
  {
    name: `${benchQueries.city.city}, live`,
    query: `city=${benchQueries.city.city}&country=${benchQueries.city.country}&kind=live&limit=20`,
  },
] as const;

/** The gsi2 partitions those searches read: only their index entries are loaded (see `loadedFacets`). */
export const queriedFacets = [
  ...new Set(
    searches.map((s) => planSearch(searchQuery.parse(Object.fromEntries(new URLSearchParams(s.query)))).facet),
  ),
];

export interface SearchMeasurement {
  readonly name: string;
  readonly query: string;
  readonly facet: string;
  readonly runs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly readUnitsPerSearch: number;
  readonly dynamoCallsPerSearch: number;
  readonly resultsPerPage: number;
  readonly unitsByIndex: Record<string, { read: number; write: number }>;
}

export interface ScanMeasurement {
  readonly runs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly readUnitsPerSearch: number;
  readonly pagesPerSearch: number;
  readonly scannedItems: number;
  readonly matches: number;
}

export interface SearchAtSize {
  readonly performances: number;
  readonly loaded: {
    readonly indexEntries: Record<string, number>;
    readonly performanceItemsInMainTable: number;
    readonly performanceItemsInNaiveTable: number;
  };
  readonly loadSeconds: number;
  readonly itemsPerSecond: number;
  readonly indexed: readonly SearchMeasurement[];
  readonly naiveScan: ScanMeasurement;
  /** Naive Scan read units ÷ indexed read units, for the keyword search. */
  readonly readUnitsRatio: number;
  /** Naive Scan p50 ÷ indexed p50, for the keyword search. */
  readonly latencyRatio: number;
}

/** Facet entries a full index would hold per performance, measured on the first 10k (for the docs). */
export let facetsPerPerformance = 0;
/** Average sizes of the items loaded (DynamoDB's size rules), bytes. */
export const itemBytes = { performance: 0, indexEntry: 0 };

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

/** What keeping the index of one new performance costs the search indexer, a stream consumer (`writeSearchEntries`). */
export interface IndexWriteMeasurement {
  readonly performances: number;
  readonly entriesPerPerformance: number;
  readonly writeUnitsPerPerformance: number;
  readonly writeUnitsByIndex: Record<string, number>;
  readonly unitsByIndex: Record<string, { read: number; write: number }>;
  readonly transactionsPerPerformance: number;
  readonly msPerPerformance: number;
}

export interface SearchBench {
  /** Loads performances up to `size` and measures every search and the naive Scan at that size. */
  measureAt(size: number, options: { runs: number; scanRuns: () => number }): Promise<SearchAtSize>;
  /** Indexes `count` new performances as the search indexer does and measures what that writes. */
  measureIndexWrites(count: number): Promise<IndexWriteMeasurement>;
}

/**
 * The search benchmark. Data goes straight into DynamoDB Local with BatchWriteItem: the performance items the
 * API writes (`performanceItem`) and the search entries the search indexer writes (`searchIndexSteps` with
 * `searchSummary`), restricted to the gsi2 partitions the measured searches read, because a full index
 * (~30 entries per performance) at 100k performances would not load in the time budget. The naive table holds
 * every performance item and nothing else, the cheapest table a Scan could read.
 */
export async function searchBench(
  system: LocalSystem,
  meter: ReturnType<typeof meterDynamoDb>,
  performer: BenchUser,
  progress: (line: string) => void,
  options: { performanceItemsInMainTable: number },
): Promise<SearchBench> {
  const table = system.stack.resources.tableName;
  const client = new DynamoDBClient({});
  await createNaiveTable(client);
  const now = new Date();
  const owners = Array.from({ length: 200 }, (_, i) => `bench-owner-${i}`);
  const entries: Record<string, number> = Object.fromEntries(queriedFacets.map((f) => [f, 0]));
  let loaded = 0;
  let mainPerformanceItems = 0;
  let facetTotal = 0;

  async function loadUpTo(size: number): Promise<{ seconds: number; itemsPerSecond: number }> {
    const started = performance.now();
    let written = 0;
    for (let from = loaded; from < size; from += 10_000) {
      const to = Math.min(size, from + 10_000);
      const main: Record<string, unknown>[] = [];
      const naive: Record<string, unknown>[] = [];
      for (let n = from; n < to; n++) {
        const p = benchPerformance(n, now, owners);
        const item = performanceItem(p);
        naive.push(item);
        if (n < options.performanceItemsInMainTable) {
          main.push(item);
          mainPerformanceItems += 1;
        }
        const summary = searchSummary(p, now);
        facetTotal += summary.facets.length;
        const steps = searchIndexSteps(table, p.performanceId, [], summary);
        if (n === 0) {
          itemBytes.performance = itemSize(item);
          const all = steps.map((s) => itemSize(s.write.Put?.Item ?? {}));
          itemBytes.indexEntry = Math.round(all.reduce((a, b) => a + b, 0) / Math.max(1, all.length));
        }
        for (const step of steps) {
          const entry = step.write.Put?.Item as { sk: string } | undefined;
          const facet = entry?.sk.slice(keyPrefixes.searchEntry.length);
          if (entry && facet !== undefined && facet in entries) {
            main.push(entry);
            entries[facet] = (entries[facet] ?? 0) + 1;
          }
        }
      }
      await Promise.all([bulkWrite(table, main), bulkWrite(naiveTableName, naive)]);
      written += main.length + naive.length;
      loaded = to;
      progress(`  loaded ${to} performances (${written} items, ${round((performance.now() - started) / 1000)} s)`);
    }
    if (facetsPerPerformance === 0) facetsPerPerformance = facetTotal / loaded;
    const seconds = (performance.now() - started) / 1000;
    return { seconds, itemsPerSecond: written / seconds };
  }

  async function measureSearch(search: (typeof searches)[number], runs: number): Promise<SearchMeasurement> {
    const url = `${system.apiUrl}/performances?${search.query}`;
    const headers = { authorization: `Bearer ${performer.token}` };
    const get = async () => {
      const response = await fetch(url, { headers });
      const body = (await response.json()) as { results?: unknown[] };
      if (response.status !== 200) throw new Error(`search ${search.query} answered ${response.status}`);
      return body.results?.length ?? 0;
    };
    for (let i = 0; i < 5; i++) await get(); // warm up
    meter.reset();
    const latencies: number[] = [];
    let results = 0;
    for (let i = 0; i < runs; i++) {
      const [count, ms] = await timed(get);
      latencies.push(ms);
      results += count;
    }
    const used = meter.reset();
    const plan = planSearch(searchQuery.parse(Object.fromEntries(new URLSearchParams(search.query))));
    return {
      name: search.name,
      query: search.query,
      facet: plan.facet,
      runs,
      p50Ms: round(quantile(latencies, 0.5)),
      p99Ms: round(quantile(latencies, 0.99)),
      readUnitsPerSearch: round(used.readUnits / runs, 2),
      dynamoCallsPerSearch: round(used.calls / runs, 2),
      resultsPerPage: round(results / runs),
      unitsByIndex: perRequest(used, runs),
    };
  }

  return {
    async measureIndexWrites(count) {
      const fresh = Array.from({ length: count }, (_, i) => benchPerformance(5_000_000 + i, now, owners));
      meter.reset();
      const started = performance.now();
      let entries = 0;
      for (const p of fresh) {
        const summary = searchSummary(p, now);
        entries += summary.facets.length;
        await writeSearchEntries(table, p.performanceId, undefined, summary);
      }
      const ms = performance.now() - started;
      const used = meter.reset();
      return {
        performances: count,
        entriesPerPerformance: round(entries / count),
        writeUnitsPerPerformance: round(used.writeUnits / count),
        writeUnitsByIndex: Object.fromEntries(
          Object.entries(used.byIndex).map(([name, u]) => [name, round(u.write / count)]),
        ),
        unitsByIndex: perRequest(used, count),
        transactionsPerPerformance: round((used.byCommand.TransactWriteItemsCommand?.calls ?? 0) / count, 2),
        msPerPerformance: round(ms / count),
      };
    },
    async measureAt(size, { runs, scanRuns }) {
      const load = await loadUpTo(size);
      const indexed: SearchMeasurement[] = [];
      for (const search of searches) {
        indexed.push(await measureSearch(search, runs));
        progress(
          `  ${size}: ${search.name}: p50 ${indexed.at(-1)?.p50Ms} ms, ${indexed.at(-1)?.readUnitsPerSearch} RCU`,
        );
      }
      const scans: { ms: number; units: number; pages: number; scanned: number; matches: number }[] = [];
      const scanCount = scanRuns();
      for (let i = 0; i < scanCount; i++) {
        const [result, ms] = await timed(() => naiveSearch(client, benchQueries.keyword));
        scans.push({ ms, ...result });
        progress(`  ${size}: naive Scan ${i + 1}/${scanCount}: ${round(ms / 1000)} s, ${result.units} RCU`);
      }
      const scanLatencies = scans.map((s) => s.ms);
      const first = scans[0] ?? { units: 0, pages: 0, scanned: 0, matches: 0 };
      const naiveScan: ScanMeasurement = {
        runs: scanCount,
        p50Ms: round(quantile(scanLatencies, 0.5)),
        p99Ms: round(quantile(scanLatencies, 0.99)),
        readUnitsPerSearch: first.units,
        pagesPerSearch: first.pages,
        scannedItems: first.scanned,
        matches: first.matches,
      };
      const keyword = indexed[1] as SearchMeasurement;
      return {
        performances: size,
        loaded: {
          indexEntries: { ...entries },
          performanceItemsInMainTable: mainPerformanceItems,
          performanceItemsInNaiveTable: loaded,
        },
        loadSeconds: round(load.seconds),
        itemsPerSecond: Math.round(load.itemsPerSecond),
        indexed,
        naiveScan,
        readUnitsRatio: round(naiveScan.readUnitsPerSearch / keyword.readUnitsPerSearch),
        latencyRatio: round(naiveScan.p50Ms / keyword.p50Ms),
      };
    },
  };
}
