import { beforeAll, describe, expect, it } from 'vitest';
import { api, signedUpUser } from '../support/api';
import { keys } from '../../src/adapters/dynamodb/keys';
import { createPerformance, venueDateTime } from '../support/fixtures';
import { eventually } from '../support/outbox';

interface Page {
  results: { performanceId: string; title: string; nextAudition: string | null }[];
  next: string | null;
}

const marker = `zx${Date.now().toString(36)}`; // a keyword only this file's performances have

describe('search', () => {
  let director: Awaited<ReturnType<typeof signedUpUser>>;
  let performer: Awaited<ReturnType<typeof signedUpUser>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    [director, performer] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]);
    const make = async (name: string, overrides: Record<string, unknown>, days: number) => {
      const zone = (overrides.timeZone as string) ?? 'Europe/London';
      const created = await createPerformance(director.token, {
        title: `${name} ${marker}`,
        slots: [{ start: venueDateTime(days, '10:00', zone), durationMinutes: 30, capacity: 3 }],
        ...overrides,
      });
      ids[name] = created.performanceId;
    };
    await make('Macbeth', {}, 3);
    await make(
      'Tosca',
      {
        timeZone: 'America/New_York',
        kind: 'filmed',
        dates: [],
        venue: {
          name: 'Studio 8',
          address: '30 Rockefeller Plaza',
          city: 'New York',
          country: 'US',
          timeZone: 'America/New_York',
        },
        characters: [
          { name: 'Floria', attributes: { voiceType: 'mezzo-soprano', gender: 'female', ageMin: 30, ageMax: 45 } },
        ],
      },
      4,
    );
    await make('Medea', { description: `Greek tragedy ${marker}` }, 2);
    for (let n = 0; n < 7; n++) await make(`Chorus${n}`, {}, 6 + n);
    await make('Closed', { slots: [] }, 1);
    await eventually(
      () => search(`q=${marker}&limit=50&includeClosed=true`),
      (page) => page.results.length === 11,
    );
  });

  const search = async (query: string) => {
    const response = await api<Page>('GET', `/performances?${query}`, { token: performer.token });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  it('finds by keyword, soonest audition first, and leaves out performances with no open audition', async () => {
    const page = await search(`q=${marker}&limit=50`);
    const titles = page.results.map((r) => r.title.split(' ')[0]);
    expect(titles.slice(0, 3)).toEqual(['Medea', 'Macbeth', 'Tosca']);
    expect(titles).not.toContain('Closed');
    const starts = page.results.map((r) => r.nextAudition ?? '');
    expect([...starts].sort()).toEqual(starts);
  });

  it('includes performances with no open audition on request, after the open ones', async () => {
    const page = await search(`q=${marker}&limit=50&includeClosed=true`);
    expect(page.results.at(-1)?.performanceId).toBe(ids.Closed);
    expect(page.results.at(-1)?.nextAudition).toBeNull();
  });

  it.each([
    ['kind', 'kind=filmed', ['Tosca']],
    ['city and country', 'city=New%20York&country=US', ['Tosca']],
    ['voice type', 'voiceType=mezzo-soprano', ['Tosca']],
    ['age inside a character’s range', 'age=44&gender=female', ['Tosca']],
    ['country', 'country=US', ['Tosca']],
    ['a word of the description', 'q=greek', ['Medea']],
    ['two words together', `q=greek%20${marker}`, ['Medea']],
    ['attributes of one and the same character', 'gender=male&age=44', []],
    ['a performance-date range', 'from=2000-01-01&to=2000-12-31', []],
  ])('filters by %s', async (_name, filter, expected) => {
    const page = await search(`q=${marker}&${filter}&limit=50`);
    expect(page.results.map((r) => r.title.split(' ')[0]).sort()).toEqual(expected);
  });

  it('pages with an opaque cursor that neither repeats nor skips', async () => {
    const all = (await search(`q=${marker}&limit=50`)).results.map((r) => r.performanceId);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await search(`q=${marker}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.results.map((r) => r.performanceId));
      cursor = page.next;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(all);
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it('refuses a forged cursor and bad filters with 400', async () => {
    const forged = Buffer.from(JSON.stringify({ ...keys.profile('x'), gsi2pk: 'x', gsi2sk: 'y' })).toString(
      'base64url',
    );
    for (const query of [
      `cursor=${forged}`,
      'cursor=%%%',
      'country=XX',
      'city=London',
      'limit=500',
      'from=2027-13-01',
      'nope=1',
    ]) {
      const response = await api('GET', `/performances?${query}`, { token: performer.token });
      expect(response.status, query).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
    }
  });

  it('drops a deleted performance from search at once, and never Scans while serving', async () => {
    await api('DELETE', '/__local/dynamodb-commands');
    expect((await api('DELETE', `/performances/${ids.Macbeth}`, { token: director.token })).status).toBe(204);
    const page = await search(`q=${marker}&limit=50`);
    expect(page.results.map((r) => r.performanceId)).not.toContain(ids.Macbeth);
    await search(`q=${marker}&kind=live&city=London&country=GB`);
    const { body: commands } = await api<Record<string, number>>('GET', '/__local/dynamodb-commands');
    expect(commands.QueryCommand).toBeGreaterThan(0);
    expect(commands.ScanCommand ?? 0).toBe(0);
  });
});
