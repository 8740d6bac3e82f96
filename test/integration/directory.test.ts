import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { directoryEntryItem } from '../../src/adapters/dynamodb/directory-index';
import { documentClient } from '../../src/adapters/dynamodb/document-client';
import { keys } from '../../src/adapters/dynamodb/keys';
import type { DirectorySummary } from '../../src/domain/directory';
import { directoryFacets, directorySummary } from '../../src/domain/directory';
import type { ApiResponse } from '../support/api';
import { api, signedUpUser } from '../support/api';
import { eventually } from '../support/outbox';

interface Card {
  performerId: string;
  name: string;
  [field: string]: unknown;
}
interface Page {
  results: Card[];
  next: string | null;
  code?: string;
}

// A word only this file's performers have in their bios, so its queries see only them.
const marker = `dq${Date.now().toString(36)}`;
type User = Awaited<ReturnType<typeof signedUpUser>>;

describe('the talent directory', () => {
  let director: User;
  const performers: Record<string, User> = {};
  const seeded: { email: string; phone: string }[] = [];
  /** Every directory response body, for the privacy check at the end. */
  const bodies: string[] = [];

  const asDirector = async <T = Page>(path: string, token = director.token) => {
    const response = await api<T>('GET', path, { token });
    bodies.push(JSON.stringify(response.body));
    return response;
  };
  /** Every page of a directory query (as the director), following `next`. */
  const everyPage = async (query: string, limit = 20) => {
    const seen: Card[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const path: string = `/performers?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: ApiResponse<Page> = await asDirector(path);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      seen.push(...page.body.results);
      cursor = page.body.next;
      if (!cursor) return seen;
    }
    throw new Error('the listing did not end');
  };
  const ids = (cards: Card[]) => cards.map((c) => c.performerId);
  const ours = (cards: Card[]) => ids(cards).filter((id) => Object.values(performers).some((p) => p.userId === id));
  const patchMe = (user: User, body: unknown) => api('PATCH', '/me', { token: user.token, body });

  const london = { city: 'London', country: 'GB' };
  const profiles: Record<string, Record<string, unknown>> = {
    // The one the journey looks for: a listed baritone in London, playing 30–40, who sings.
    baritone: {
      ...london,
      listed: true,
      voiceType: 'baritone',
      ageMin: 30,
      ageMax: 40,
      skills: ['Singing', 'stage  combat'],
      languages: ['English'],
      unions: ['Equity'],
      gender: 'man',
      genderCategory: 'male',
      links: { reel: 'https://example.com/reel', website: 'https://example.org' },
      bio: `Baritone ${marker}, opera and musicals.`,
    },
    dancer: {
      ...london,
      listed: true,
      voiceType: 'baritone',
      ageMin: 30,
      ageMax: 40,
      skills: ['dancing'],
      bio: marker,
    },
    tenor: { ...london, listed: true, voiceType: 'tenor', ageMin: 30, ageMax: 40, skills: ['singing'], bio: marker },
    older: { ...london, listed: true, voiceType: 'baritone', ageMin: 50, ageMax: 60, skills: ['singing'], bio: marker },
    cardiff: {
      city: 'Cardiff',
      country: 'GB',
      listed: true,
      voiceType: 'baritone',
      ageMin: 30,
      ageMax: 40,
      skills: ['singing'],
      bio: marker,
    },
    // Everything the journey asks for, but not listed: no query finds them.
    hidden: { ...london, voiceType: 'baritone', ageMin: 30, ageMax: 40, skills: ['singing'], bio: marker },
  };

  beforeAll(async () => {
    const names = Object.keys(profiles);
    const users = await Promise.all([
      signedUpUser('director', { timeZone: 'Europe/London' }),
      ...names.map((name, i) =>
        signedUpUser('performer', { name: `Dir ${name} ${marker}`, phone: `+4420718387${60 + i}` }),
      ),
    ]);
    director = users[0] as User;
    names.forEach((name, i) => {
      performers[name] = users[i + 1] as User;
      seeded.push({ email: (users[i + 1] as User).email, phone: `+4420718387${60 + i}` });
    });
    for (const name of names) {
      const changed = await patchMe(performers[name] as User, profiles[name]);
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    }
    // The index catches up from the table's stream.
    await eventually(
      async () => ours(await everyPage(`q=${marker}`)),
      (found) => found.length === names.length - 1,
    );
  });

  it('finds the listed baritone in London aged 30–40 who sings, and nobody else', async () => {
    const found = await everyPage('city=london&country=GB&voiceType=baritone&ageMin=30&ageMax=40&skills=singing');
    expect(ours(found)).toEqual([performers.baritone?.userId]);
    const card = found.find((c) => c.performerId === performers.baritone?.userId);
    expect(card).toMatchObject({
      voiceType: 'baritone',
      ageMin: 30,
      ageMax: 40,
      skills: ['singing', 'stage combat'],
      languages: ['english'],
      unions: ['equity'],
      city: 'London',
      country: 'GB',
      genderCategory: 'male',
      gender: 'man',
    });
    // Other ways to the same performer: a single age, a skill and a language, a union, words of the bio.
    expect(ours(await everyPage(`age=35&skills=singing,stage combat&languages=english&q=${marker}`))).toEqual([
      performers.baritone?.userId,
    ]);
    expect(ours(await everyPage(`union=EQUITY&gender=male&q=${marker}`))).toEqual([performers.baritone?.userId]);
    expect(ours(await everyPage(`q=opera ${marker}`))).toEqual([performers.baritone?.userId]);
  });

  it('shows a listed performer’s page with attributes, credits and links, and answers 404 alike for the rest', async () => {
    const baritone = performers.baritone as User;
    const credited = await patchMe(baritone, { credits: [{ title: 'Carmen', role: 'Escamillo', year: 2024 }] });
    expect(credited.status).toBe(200);
    const page = await asDirector<Record<string, unknown>>(`/performers/${baritone.userId}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body).toMatchObject({
      performerId: baritone.userId,
      voiceType: 'baritone',
      bio: `Baritone ${marker}, opera and musicals.`,
      links: { reel: 'https://example.com/reel', website: 'https://example.org' },
      credits: [{ title: 'Carmen', role: 'Escamillo', year: 2024 }],
      currentPerformances: [],
      pastPerformances: [],
    });
    for (const id of [performers.hidden?.userId, director.userId, 'no-such-user']) {
      const missing = await asDirector<{ code: string }>(`/performers/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('not-found');
    }
  });

  it('never lists an unlisted performer: not by any query, not right after switching, not from a stale entry', async () => {
    const hidden = performers.hidden as User;
    for (const query of [
      `q=${marker}`,
      'city=London&country=GB&voiceType=baritone&skills=singing',
      'age=35',
      `q=${encodeURIComponent(`Dir hidden ${marker}`)}`,
    ]) {
      expect(ids(await everyPage(query))).not.toContain(hidden.userId);
    }
    // Switching off takes effect at once, whatever the stream consumer has done yet.
    const tenor = performers.tenor as User;
    expect((await patchMe(tenor, { listed: false })).status).toBe(200);
    expect(ids(await everyPage(`q=${marker}`))).not.toContain(tenor.userId);
    expect((await asDirector(`/performers/${tenor.userId}`)).status).toBe(404);
    // An index that has not caught up (entries written as if the consumer were behind) still shows nobody
    // unlisted. The consumer has removed the performer's entries first, so it does not remove these.
    const table = process.env.TABLE_NAME ?? '';
    const allEntry = async () =>
      (await documentClient().send(new GetCommand({ TableName: table, Key: keys.directoryEntry(tenor.userId, 'all') })))
        .Item;
    await eventually(allEntry, (item) => item === undefined);
    const stale = directorySummary({
      ...(profiles.tenor as object),
      userId: tenor.userId,
      role: 'performer',
      name: `Dir tenor ${marker}`,
      listed: true,
    }) as DirectorySummary;
    for (const facet of directoryFacets(stale)) {
      await documentClient().send(
        new PutCommand({ TableName: table, Item: { ...directoryEntryItem(facet, stale), planted: true } }),
      );
    }
    expect(ids(await everyPage(`q=${marker}`))).not.toContain(tenor.userId);
    expect(ids(await everyPage('city=London&country=GB&voiceType=tenor'))).not.toContain(tenor.userId);
    // Listed again, found again, once the consumer has written the entries itself.
    expect((await patchMe(tenor, { listed: true })).status).toBe(200);
    await eventually(allEntry, (item) => item !== undefined && item.planted === undefined);
    expect(ids(await everyPage(`q=${marker}`))).toContain(tenor.userId);
  });

  it('pages with cursors in name order, without repeats or gaps, and refuses a tampered cursor', async () => {
    const all = ours(await everyPage(`q=${marker}`));
    const paged = ours(await everyPage(`q=${marker}`, 2));
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(paged.length);
    const expectedOrder = Object.values(performers)
      .filter((p) => all.includes(p.userId))
      .sort((a, b) => {
        const name = (u: User) => Object.keys(performers).find((k) => performers[k] === u) ?? '';
        const [x, y] = [`dir ${name(a)} ${marker}#${a.userId}`, `dir ${name(b)} ${marker}#${b.userId}`];
        return x < y ? -1 : 1;
      })
      .map((p) => p.userId);
    expect(all).toEqual(expectedOrder);

    const first = await asDirector(`/performers?q=${marker}&limit=1`);
    const cursor = first.body.next ?? '';
    expect(cursor).not.toBe('');
    const at = cursor.indexOf('.') - 2;
    const tampered = cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1);
    for (const path of [
      `/performers?q=${marker}&limit=1&cursor=${encodeURIComponent(tampered)}`,
      `/performers?q=other&limit=1&cursor=${encodeURIComponent(cursor)}`,
      `/performers?limit=1&cursor=not-a-cursor`,
    ]) {
      const refused = await asDirector(path);
      expect(refused.status).toBe(400);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.body.code).toBe('invalid-cursor');
    }
  });

  it('is for directors only: a performer gets 403, nobody signed in 401', async () => {
    const performer = performers.dancer as User;
    for (const path of ['/performers', `/performers/${performers.baritone?.userId}`]) {
      const refused = await api('GET', path, { token: performer.token });
      expect(refused.status).toBe(403);
      expect(refused.contentType).toContain('application/problem+json');
      expect((await api('GET', path)).status).toBe(401);
    }
  });

  it('refuses directory fields from a director, and links that are not https', async () => {
    const refused = await patchMe(director, { listed: true, voiceType: 'bass' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'validation-failed',
      errors: [{ path: 'body.listed' }, { path: 'body.voiceType' }],
    });
    const performer = performers.dancer as User;
    for (const links of [{ reel: 'http://example.com' }, { website: 'javascript:alert(1)' }]) {
      const bad = await patchMe(performer, { links });
      expect(bad.status).toBe(400);
      expect((bad.body as { code: string }).code).toBe('validation-failed');
    }
    const backwards = await patchMe(performer, { ageMin: 41 });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ errors: [{ path: 'body.ageMin' }] });
  });

  it('keeps the playing age range in order when two tabs each change one end at the same moment', async () => {
    const performer = await signedUpUser('performer');
    for (let round = 0; round < 5; round++) {
      expect((await patchMe(performer, { ageMin: 30, ageMax: 45 })).status).toBe(200);
      // Each change is fine against the range both tabs read (30–45); together they would make 44–35.
      const answers = await Promise.all([patchMe(performer, { ageMin: 44 }), patchMe(performer, { ageMax: 35 })]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
      const refused = answers.find((a) => a.status === 400)!;
      expect((refused.body as { code: string }).code).toBe('validation-failed');
      const { body } = await api<{ ageMin: number; ageMax: number }>('GET', '/me', { token: performer.token });
      expect(body.ageMin).toBeLessThanOrEqual(body.ageMax);
    }
  });

  it('never answers a contact detail (every directory response body checked)', () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) {
      for (const { email, phone } of seeded) {
        expect(body).not.toContain(email);
        expect(body).not.toContain(phone);
      }
      expect(body).not.toMatch(/"(email|phone|timeZone|accessNeeds)"/);
    }
  });
});
