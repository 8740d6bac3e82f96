import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../src/adapters/dynamodb/document-client';
import { storedSummary } from '../../src/adapters/dynamodb/search-index';
import { dynamoSearchIndex } from '../../src/adapters/dynamodb/search-store';
import { refiledSummary } from '../../src/domain/search-index-changes';
import { indexKeys, keys } from '../../src/adapters/dynamodb/keys';
import { handler } from '../../src/functions/performance-search';
import type { HttpEvent } from '../../src/functions/http/handler';
import { api, signedUpUser } from '../support/api';
import { createPerformance, venueDateTime } from '../support/fixtures';
import { eventually } from '../support/outbox';

interface Page {
  results: { performanceId: string }[];
  next: string | null;
}

const marker = `zc${Date.now().toString(36)}`; // a keyword only this file's performances have
const zone = 'Europe/London';

/** The search function called as API Gateway would call it at `at`: the only way to let time pass in a test. */
async function searchAt(at: Date, query: Record<string, string>, userId: string) {
  const event = {
    version: '2.0',
    routeKey: 'GET /performances',
    rawPath: '/performances',
    rawQueryString: new URLSearchParams(query).toString(),
    headers: {},
    queryStringParameters: query,
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      timeEpoch: at.getTime(),
      authorizer: {
        lambda: { authenticated: true, sub: userId, email: 'p@example.com', role: 'performer', exp: 4_102_444_800 },
      },
    },
  } as unknown as HttpEvent;
  const response = await handler(event);
  return { status: response.statusCode, body: JSON.parse(response.body ?? 'null') as Page & { code?: string } };
}

describe('search cursors', () => {
  let performer: Awaited<ReturnType<typeof signedUpUser>>;
  const ids: Record<string, string> = {};
  const firstSlot: Record<string, string> = {};

  const search = (query: string) =>
    api<Page & { code?: string }>('GET', `/performances?${query}`, { token: performer.token });

  beforeAll(async () => {
    const [director] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]).then((users) => {
      performer = users[1];
      return users;
    });
    // In next-audition order: X1, X2, X3, X4; X1 and X2 have a second audition after X3's.
    for (const [name, days] of [
      ['X1', [1, 10]],
      ['X2', [2, 11]],
      ['X3', [3]],
      ['X4', [12]],
    ] as const) {
      const slots = days.map((d) => venueDateTime(d, '10:00', zone));
      const created = await createPerformance(director.token, {
        title: `${name} ${marker}`,
        slots: slots.map((start) => ({ start, durationMinutes: 30, capacity: 3 })),
      });
      ids[name] = created.performanceId;
      firstSlot[name] = slots[0] ?? '';
    }
    await eventually(
      async () => (await search(`q=${marker}&limit=50`)).body,
      (page) => page.results.length === 4,
    );
  });

  it('continues a stale listing (the audition at the page boundary has begun) without skipping or repeating', async () => {
    const first = await search(`q=${marker}&limit=2`);
    expect(first.body.results.map((r) => r.performanceId)).toEqual([ids.X1, ids.X2]);
    expect(first.body.next).toBeTruthy();
    // Later: the first auditions of X1 and X2 have begun, and the refresh re-filed both under their second one.
    const later = DateTime.fromISO(firstSlot.X2 ?? '', { zone })
      .plus({ minutes: 30 })
      .toJSDate();
    const table = process.env.TABLE_NAME ?? '';
    for (const id of [ids.X1 ?? '', ids.X2 ?? '']) {
      const { Item } = await documentClient().send(
        new GetCommand({ TableName: table, Key: keys.searchEntry(id, 'all') }),
      );
      const filed = storedSummary(Item ?? {});
      const next = refiledSummary({ ...filed, openAuditionStarts: filed.openAuditionStarts ?? [] }, later);
      expect(await dynamoSearchIndex(table).refile(filed, next)).toBe(filed.facets.length);
    }
    const seen: string[] = [];
    let cursor = first.body.next;
    for (let pages = 0; cursor && pages < 5; pages++) {
      const page = await searchAt(later, { q: marker, limit: '2', cursor }, performer.userId);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      seen.push(...page.body.results.map((r) => r.performanceId));
      cursor = page.body.next;
    }
    expect(seen).toEqual([ids.X3, ids.X4]);
    // A new listing at that time shows X1 and X2 at their new places.
    const fresh = await searchAt(later, { q: marker, limit: '10' }, performer.userId);
    expect(fresh.body.results.map((r) => r.performanceId)).toEqual([ids.X3, ids.X1, ids.X2, ids.X4]);
  });

  it('refuses a cursor used with another query, or changed in any way, with 400 invalid-cursor', async () => {
    const made = await search(`q=${marker}&limit=1&from=2020-01-01`);
    expect(made.status).toBe(200);
    const cursor = made.body.next ?? '';
    expect(cursor).not.toBe('');
    const flipped = (at: number) => cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1);
    const oldStyle = Buffer.from(
      JSON.stringify({
        ...keys.searchEntry(ids.X1 ?? '', `w:${marker}`),
        ...indexKeys.search(`w:${marker}`, 'x', ids.X1 ?? ''),
      }),
    ).toString('base64url');
    for (const query of [
      `q=${marker}&limit=1&from=2020-01-02&cursor=${cursor}`,
      `q=${marker}&limit=1&cursor=${cursor}`,
      `q=${marker}&limit=1&from=2020-01-01&includeClosed=true&cursor=${cursor}`,
      `q=${marker}&limit=1&from=2020-01-01&cursor=${flipped(2)}`,
      `q=${marker}&limit=1&from=2020-01-01&cursor=${flipped(cursor.length - 3)}`,
      `q=${marker}&limit=1&from=2020-01-01&cursor=${cursor.slice(0, -1)}`,
      `q=${marker}&limit=1&from=2020-01-01&cursor=${oldStyle}`,
      `q=${marker}&cursor=`,
      `q=${marker}&cursor=${'A'.repeat(1100)}`,
      `q=${marker}&cursor=%ED%A0%80`,
      `q=${marker}&cursor=a%ED%A0%80b.c`,
      `q=${marker}&cursor=%25`,
    ]) {
      const response = await search(query);
      expect(response.status, query).toBe(400);
      expect(response.contentType, query).toContain('application/problem+json');
      expect(response.body.code, query).toBe('invalid-cursor');
    }
    // The cursor itself still works with the query that made it.
    expect((await search(`q=${marker}&limit=1&from=2020-01-01&cursor=${cursor}`)).status).toBe(200);
  });
});
