import type { Context, DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../src/adapters/dynamodb/document-client';
import { keyPrefixes, keys } from '../../src/adapters/dynamodb/keys';
import { performanceItem, toPerformance } from '../../src/adapters/dynamodb/performance-store';
import { storedSummary } from '../../src/adapters/dynamodb/search-index';
import { dynamoSearchIndex } from '../../src/adapters/dynamodb/search-store';
import type { Performance } from '../../src/domain/performance';
import { refiledSummary } from '../../src/domain/search-index-changes';
import { searchFacets } from '../../src/domain/search-terms';
import { handler as searchIndexer } from '../../src/functions/search-indexer';
import { handler as searchRefresh } from '../../src/functions/search-refresh';
import { api, signedUpUser } from '../support/api';
import type { CreatedPerformance } from '../support/fixtures';
import { createPerformance, performanceBody, venueDateTime } from '../support/fixtures';
import { eventually } from '../support/outbox';

interface Page {
  results: { performanceId: string; title: string; nextAudition: string | null }[];
}

const marker = `zw${Date.now().toString(36)}`; // a keyword only this file's performances have
const zone = 'Europe/London';
const table = () => process.env.TABLE_NAME ?? '';

/** A write this process made to the search index: the command and how many entries it put or deleted. */
interface SearchWrite {
  readonly command: string;
  readonly entries: number;
}

/** The entries of the search index a write request names (`SEARCH#…` sort keys). */
function searchEntriesIn(input: Record<string, unknown>): number {
  const isEntry = (key: unknown) => String((key as { sk?: unknown } | undefined)?.sk ?? '').startsWith('SEARCH#');
  const one = (request: Record<string, { Item?: unknown; Key?: unknown } | undefined>) =>
    Object.values(request).filter((write) => write && isEntry(write.Item ?? write.Key)).length;
  if (input.RequestItems) {
    return Object.values(input.RequestItems as Record<string, Record<string, { Item?: unknown; Key?: unknown }>[]>)
      .flat()
      .reduce((n, request) => n + one({ put: request.PutRequest, delete: request.DeleteRequest }), 0);
  }
  if (input.TransactItems) {
    return (input.TransactItems as Record<string, { Item?: unknown; Key?: unknown }>[]).reduce(
      (n, item) => n + one(item),
      0,
    );
  }
  return isEntry(input.Item ?? input.Key) ? 1 : 0;
}

/** The search indexer as the table's stream calls it, for one change of a performance. */
async function indexChange(before: Performance, after: Performance) {
  const image = (p: Performance) => marshall(performanceItem(p), { removeUndefinedValues: true }) as never;
  const event: DynamoDBStreamEvent = {
    Records: [
      {
        eventName: 'MODIFY',
        dynamodb: { OldImage: image(before), NewImage: image(after), ApproximateCreationDateTime: Date.now() / 1000 },
      },
    ],
  };
  await searchIndexer(event, { functionName: 'search-indexer', awsRequestId: marker } as Context);
}

async function storedPerformance(performanceId: string): Promise<Performance> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: table(), Key: keys.performance(performanceId) }),
  );
  return toPerformance(Item ?? {});
}

async function storedEntries(performanceId: string) {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
      ExpressionAttributeValues: { ':pk': keys.performance(performanceId).pk, ':entry': keyPrefixes.searchEntry },
      ConsistentRead: true,
    }),
  );
  return Items;
}

describe('search index writes', () => {
  let director: Awaited<ReturnType<typeof signedUpUser>>;
  let performer: Awaited<ReturnType<typeof signedUpUser>>;
  let lear: CreatedPerformance;
  const writes: SearchWrite[] = [];
  const observer = 'searchIndexWritesObserver';

  const search = async (query: string) => {
    const response = await api<Page>('GET', `/performances?${query}`, { token: performer.token });
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    [director, performer] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]);
    lear = await createPerformance(director.token, { title: `Lear ${marker}` });
    await eventually(
      () => search(`q=${marker}`),
      (page) => page.results.some((r) => r.performanceId === lear.performanceId),
    );
    const facets = searchFacets(await storedPerformance(lear.performanceId)).length;
    await eventually(
      () => storedEntries(lear.performanceId),
      (entries) => entries.length === facets,
    );
    documentClient().middlewareStack.add(
      (next, context) => async (args) => {
        const command = (context.commandName ?? '').replace(/Command$/, '');
        const entries = searchEntriesIn(args.input as Record<string, unknown>);
        if (/^(Put|Delete|Update|BatchWrite|TransactWrite)/.test(command) && entries > 0) {
          writes.push({ command, entries });
        }
        return next(args);
      },
      { step: 'initialize', name: observer },
    );
  });

  afterAll(() => {
    documentClient().middlewareStack.remove(observer);
  });

  it('writes no search entry for an edit that changes nothing a search shows', async () => {
    const before = await storedPerformance(lear.performanceId);
    const after: Performance = {
      ...before,
      version: before.version + 1,
      director: { ...before.director, phone: '+442071838759' },
      venue: { ...before.venue, address: '1 Other Street' },
      slots: before.slots.map((slot) => ({ ...slot, capacity: slot.capacity + 1 })),
      characters: before.characters.map((c) => ({ ...c, description: 'Rewritten.', places: c.places + 1 })),
    };
    writes.length = 0;
    await indexChange(before, after);
    expect(writes).toEqual([]);
  });

  it('re-writes each changed entry once, without a transaction, and removes the facets that are gone', async () => {
    const before = await storedPerformance(lear.performanceId);
    const after: Performance = { ...before, version: before.version + 1, title: `Goneril ${marker}` };
    writes.length = 0;
    await indexChange(before, after);
    const gone = searchFacets(before).filter((facet) => !searchFacets(after).includes(facet));
    expect(gone).toContain('w:lear');
    expect(writes.every((w) => w.command === 'BatchWriteItem')).toBe(true);
    expect(writes.reduce((n, w) => n + w.entries, 0)).toBe(searchFacets(after).length + gone.length);
    const entries = await storedEntries(lear.performanceId);
    expect(entries.map((e) => String(e.sk).slice(keyPrefixes.searchEntry.length)).sort()).toEqual(
      searchFacets(after).sort(),
    );
    expect(new Set(entries.map((e) => e.title))).toEqual(new Set([after.title]));
    // Filed back as the table holds it.
    await indexChange(after, before);
  });

  it('keeps search right through an edit, a slot move and a deletion; a re-file never brings it back', async () => {
    const body = performanceBody({ title: `Lear ${marker}` });
    const movedTo = venueDateTime(2, '09:00', zone);
    const edited = await api('PUT', `/performances/${lear.performanceId}`, {
      token: director.token,
      body: {
        ...body,
        title: `Cordelia ${marker}`,
        version: lear.version,
        characters: body.characters.map((c, i) => ({ ...c, characterId: lear.characters[i]?.characterId })),
        slots: [{ slotId: lear.slots[0]?.slotId, start: movedTo, durationMinutes: 30, capacity: 5 }],
      },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const found = await eventually(
      () => search(`q=cordelia%20${marker}`),
      (page) => page.results.some((r) => r.performanceId === lear.performanceId),
    );
    const shown = found.results.find((r) => r.performanceId === lear.performanceId);
    expect(shown?.nextAudition?.slice(0, 10)).toBe(movedTo.slice(0, 10)); // 09:00 in London is the same day in UTC
    expect((await search(`q=lear%20${marker}`)).results.map((r) => r.performanceId)).not.toContain(lear.performanceId);

    // The refresh read the entry; meanwhile the performance is deleted: it leaves search at once.
    const filedItem = (await storedEntries(lear.performanceId)).find((e) => e.sk === `${keyPrefixes.searchEntry}all`);
    const filed = storedSummary(filedItem ?? {});
    expect(filed.title).toBe(`Cordelia ${marker}`);
    expect((await api('DELETE', `/performances/${lear.performanceId}`, { token: director.token })).status).toBe(204);
    expect(await storedEntries(lear.performanceId)).toEqual([]);
    expect((await search(`q=${marker}&includeClosed=true`)).results.map((r) => r.performanceId)).not.toContain(
      lear.performanceId,
    );
    const later = new Date(Date.parse(filed.nextAudition) + 60_000);
    const next = refiledSummary({ ...filed, openAuditionStarts: filed.openAuditionStarts ?? [] }, later);
    expect(await dynamoSearchIndex(table()).refile(filed, next)).toBe(0);
    expect(await storedEntries(lear.performanceId)).toEqual([]);
  });

  it('re-files every entry once its next audition has begun, from the entry (or, for an older entry, its performance)', async () => {
    // Auditions a minute or two from now and in four days: the refresh runs once the first has begun.
    const soon = DateTime.now().setZone(zone).plus({ minutes: 2 }).toFormat("yyyy-MM-dd'T'HH:mm");
    const slots = [soon, venueDateTime(4, '10:00', zone)].map((start) => ({ start, durationMinutes: 30, capacity: 3 }));
    const [fresh, older] = await Promise.all(
      ['Regan', 'Edmund'].map((name) => createPerformance(director.token, { title: `${name} ${marker}`, slots })),
    );
    const ids = [fresh?.performanceId ?? '', older?.performanceId ?? ''];
    await eventually(
      () => search(`q=${marker}`),
      (page) => ids.every((id) => page.results.some((r) => r.performanceId === id)),
    );
    for (const id of ids) {
      const facets = searchFacets(await storedPerformance(id)).length;
      await eventually(
        () => storedEntries(id),
        (entries) => entries.length === facets,
      );
    }
    // Entries as filed before they carried their open auditions and a digest: re-filed from their performance.
    for (const item of await storedEntries(ids[1] ?? '')) {
      const { openAuditionStarts: _starts, summaryDigest: _digest, ...legacy } = item;
      await documentClient().send(new PutCommand({ TableName: table(), Item: legacy }));
    }
    const filedAt = Date.parse((await storedEntries(ids[0] ?? ''))[0]?.nextAudition as string);
    const later = new Date(filedAt + 60_000);
    const { refreshed } = await searchRefresh(
      { time: later.toISOString() } as ScheduledEvent,
      {
        functionName: 'search-refresh',
        awsRequestId: marker,
      } as Context,
    );
    expect(refreshed).toBeGreaterThanOrEqual(2);
    for (const id of ids) {
      const performance = await storedPerformance(id);
      const entries = await storedEntries(id);
      expect(entries.map((e) => String(e.sk).slice(keyPrefixes.searchEntry.length)).sort()).toEqual(
        searchFacets(performance).sort(),
      );
      const fourDays = slots[1]?.start.slice(0, 10);
      expect(entries.map((e) => [id, String(e.nextAudition).slice(0, 10)])).toEqual(entries.map(() => [id, fourDays]));
      expect(entries.every((e) => String(e.gsi2sk).startsWith(String(e.nextAudition)))).toBe(true);
    }
  });
});
