import { directoryEntryItem } from '../src/adapters/dynamodb/directory-index';
import { keys } from '../src/adapters/dynamodb/keys';
import type { DirectoryProfile } from '../src/domain/directory';
import { directoryFacets, directorySummary } from '../src/domain/directory';
import { directoryFacet } from '../src/domain/directory-search';
import { directoryQuery } from '../src/schemas/directory';
import type { LocalSystem } from '../local/system';
import { bulkWrite } from './bulk-load';
import type { meterDynamoDb } from './capacity';
import { noConsumption, perRequest } from './capacity';
import { invokeHttpFunction } from './open-call';
import { quantile, round } from './stats';
import { setTableStream } from './table-stream';
import type { Person } from './units';

/** The talent searches measured: what a casting director asks, from the broadest to the issue's own example. */
export const directorySearches = [
  { name: 'browse (no filter)', query: {} },
  {
    name: 'a baritone in London aged 30–40 who sings',
    query: { voiceType: 'baritone', city: 'London', country: 'GB', ageMin: '30', ageMax: '40', skills: 'singing' },
  },
  { name: 'keyword "shakespeare"', query: { q: 'shakespeare' } },
  { name: 'female, equity, French', query: { gender: 'female', union: 'equity', languages: 'french' } },
] as const satisfies readonly { name: string; query: Record<string, string> }[];

export interface DirectorySearchMeasurement {
  readonly name: string;
  readonly facet: string;
  /** Pages read: the first page, then the cursor's next pages, up to `pagesPerRun` a run. */
  readonly pages: number;
  readonly readUnitsPerPage: number;
  readonly maxReadUnitsPerPage: number;
  readonly dynamoCallsPerPage: number;
  readonly resultsPerPage: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly unitsByIndex: ReturnType<typeof perRequest>;
}

export interface DirectoryAtSize {
  readonly performers: number;
  readonly listed: number;
  readonly loadedItems: number;
  readonly loadSeconds: number;
  readonly searches: readonly DirectorySearchMeasurement[];
}

export interface DirectoryBenchResult {
  readonly generatedAt: string;
  readonly method: string;
  readonly sizes: readonly DirectoryAtSize[];
}

const firstNames = [
  'Ada',
  'Ben',
  'Cleo',
  'Dev',
  'Eve',
  'Finn',
  'Gus',
  'Hana',
  'Ivo',
  'Jo',
  'Kai',
  'Lea',
  'Max',
  'Noor',
];
const lastNames = ['Abbott', 'Baker', 'Chen', 'Diaz', 'Evans', 'Fox', 'Gray', 'Hale', 'Ito', 'Jones', 'Khan', 'Lane'];
const places = [
  ['London', 'GB', 10],
  ['Manchester', 'GB', 3],
  ['Glasgow', 'GB', 2],
  ['New York', 'US', 8],
  ['Chicago', 'US', 3],
  ['Los Angeles', 'US', 6],
  ['Sydney', 'AU', 3],
  ['Toronto', 'CA', 3],
  ['Dublin', 'IE', 2],
  ['Paris', 'FR', 3],
] as const;
const skills = ['singing', 'dance', 'stage combat', 'piano', 'guitar', 'juggling', 'improv', 'tap', 'ballet', 'mime'];
const languages = ['french', 'spanish', 'german', 'italian', 'welsh', 'japanese', 'mandarin'];
const voices = ['soprano', 'mezzo-soprano', 'alto', 'countertenor', 'tenor', 'baritone', 'bass'];
const genders = ['female', 'male', 'non-binary'];
const bioWords = ['shakespeare', 'musical', 'comedy', 'screen', 'radio', 'touring', 'chekhov', 'opera', 'panto'];

/** A small deterministic generator, so every run loads the same population. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Performer `n` of the bench population: every directory field, 9 in 10 listed. */
export function benchPerformer(n: number): DirectoryProfile & { readonly email: string; readonly phone: string } {
  const next = random(n + 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const some = <T>(list: readonly T[], chance: number) => list.filter(() => next() < chance);
  const weighted = places.flatMap(([city, country, weight]) => Array<[string, string]>(weight).fill([city, country]));
  const [city, country] = pick(weighted);
  const ageMin = 16 + Math.floor(next() * 50);
  return {
    userId: `bench-performer-${n}`,
    role: 'performer',
    name: `${pick(firstNames)} ${pick(lastNames)} ${n}`,
    email: `performer-${n}@directory.bench.example.com`,
    phone: '+442071838750',
    listed: next() < 0.9,
    ageMin,
    ageMax: ageMin + 5 + Math.floor(next() * 15),
    genderCategory: pick(genders),
    ...(next() < 0.7 ? { voiceType: pick(voices) } : {}),
    skills: some(skills, 0.25),
    languages: ['english', ...some(languages, 0.1)],
    unions: next() < 0.4 ? ['equity'] : [],
    city,
    country,
    bio: `Trained in ${pick(bioWords)} and ${pick(bioWords)}; credits in ${pick(bioWords)} on tour.`,
  };
}

/**
 * The talent directory benchmark: read units per page of `GET /performers` at each size. Data goes straight into
 * DynamoDB Local: each performer's profile item and, for a listed performer, the directory entries of the facets
 * the measured searches read (a full index, about 15 entries a performer, would not load in the time budget; the
 * partitions the searches read are complete). A tenth of the performers are unlisted: they have profiles and no
 * entries, as after the indexer caught up. Each search reads its first page and follows the cursor.
 */
export async function measureDirectory(
  system: LocalSystem,
  meter: ReturnType<typeof meterDynamoDb>,
  director: Person,
  sizes: readonly number[],
  progress: (line: string) => void,
  options: { runs: number; pagesPerRun: number },
): Promise<DirectoryBenchResult> {
  const table = system.stack.resources.tableName;
  const queried = new Set(directorySearches.map((s) => directoryFacet(directoryQuery.parse(s.query))));
  let loaded = 0;
  let listed = 0;
  let loadedItems = 0;
  const results: DirectoryAtSize[] = [];
  for (const size of sizes) {
    const started = performance.now();
    const itemsBefore = loadedItems;
    // Stream off for the whole load (the indexer would otherwise write every facet's entry of each profile loaded),
    // switched once per size rather than per chunk: each switch starts a new stream for the local consumer to find.
    await setTableStream(table, false);
    for (let from = loaded; from < size; from += 10_000) {
      const items: Record<string, unknown>[] = [];
      for (let n = from; n < Math.min(size, from + 10_000); n++) {
        const performer = benchPerformer(n);
        items.push({ ...keys.profile(performer.userId), type: 'Profile', timeZone: 'Europe/London', ...performer });
        const summary = directorySummary(performer);
        if (!summary) continue;
        listed++;
        for (const facet of directoryFacets(summary))
          if (queried.has(facet)) items.push(directoryEntryItem(facet, summary));
      }
      await bulkWrite(table, items);
      loadedItems += items.length;
      loaded = Math.min(size, from + 10_000);
      const seconds = (performance.now() - started) / 1000;
      progress(
        `  loaded ${loaded} performers (${loadedItems} items, ${round((loadedItems - itemsBefore) / seconds)} items/s)`,
      );
    }
    await setTableStream(table, true);
    const loadSeconds = round((performance.now() - started) / 1000);
    const searches: DirectorySearchMeasurement[] = [];
    for (const search of directorySearches) {
      searches.push(await measureSearch(search, director, meter, options));
      const m = searches.at(-1);
      progress(`  ${size}: ${search.name}: ${m?.readUnitsPerPage} RCU a page (max ${m?.maxReadUnitsPerPage})`);
    }
    results.push({ performers: size, listed, loadedItems, loadSeconds, searches });
  }
  return {
    generatedAt: new Date().toISOString(),
    method:
      'GET /performers invoked as API Gateway would after the authorizer, against DynamoDB Local with consumed ' +
      'capacity as it reports it (eventually consistent index queries, strongly consistent profile reads). ' +
      `Each search: ${options.runs} runs of its first page and up to ${options.pagesPerRun - 1} next pages by ` +
      'cursor, page size 20. The population is generated (bench/directory.ts): 9 in 10 listed, London one ' +
      'performer in 4.3, singing one in 4, a voice type for 7 in 10.',
    sizes: results,
  };
}

async function measureSearch(
  search: (typeof directorySearches)[number],
  director: Person,
  meter: ReturnType<typeof meterDynamoDb>,
  options: { runs: number; pagesPerRun: number },
): Promise<DirectorySearchMeasurement> {
  const latencies: number[] = [];
  const unitsPerPage: number[] = [];
  let results = 0;
  meter.reset();
  const sum = { readUnits: 0, calls: 0, byIndex: {} as Record<string, { read: number; write: number }> };
  for (let run = 0; run < options.runs; run++) {
    let cursor: string | undefined;
    for (let page = 0; page < options.pagesPerRun; page++) {
      const query = { ...search.query, limit: '20', ...(cursor ? { cursor } : {}) };
      const answer = await invokeHttpFunction('performer-directory', director, { query });
      if (answer.status !== 200) throw new Error(`${search.name} answered ${answer.status}`);
      const used = meter.reset();
      sum.readUnits += used.readUnits;
      sum.calls += used.calls;
      for (const [name, u] of Object.entries(used.byIndex)) {
        const slot = (sum.byIndex[name] ??= { read: 0, write: 0 });
        slot.read += u.read;
        slot.write += u.write;
      }
      unitsPerPage.push(used.readUnits);
      latencies.push(answer.ms);
      const body = answer.body as { results: unknown[]; next?: string };
      results += body.results.length;
      cursor = body.next;
      if (!cursor) break;
    }
  }
  const pages = unitsPerPage.length;
  return {
    name: search.name,
    facet: directoryFacet(directoryQuery.parse(search.query)),
    pages,
    readUnitsPerPage: round(sum.readUnits / pages, 2),
    maxReadUnitsPerPage: round(Math.max(...unitsPerPage), 2),
    dynamoCallsPerPage: round(sum.calls / pages, 2),
    resultsPerPage: round(results / pages, 1),
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
    unitsByIndex: perRequest({ ...noConsumption(), ...sum }, pages),
  };
}
