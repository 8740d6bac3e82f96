import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { DemoAccount, DemoWorld } from '../../local/seed';
import { accountsTable, demoPassword, seedDemoWorld } from '../../local/seed';
import { api } from '../support/api';
import { eventually } from '../support/outbox';

interface SignUps {
  signUps: { performanceId: string; status: string; accessNeeds?: string }[];
}
interface Me {
  role: string;
  credits: unknown[];
  currentPerformances?: { performanceId: string; title: string }[];
  pastPerformances?: { performanceId: string; title: string }[];
}
interface Page {
  results: { performanceId: string; nextAudition: string | null }[];
}

// Other test files share this stack, so the demo world gets addresses of its own.
const emailDomain = `seed-${Date.now().toString(36)}.example.com`;

describe('demo data', () => {
  let world: DemoWorld;
  const lines: string[] = [];
  const tokens = new Map<string, string>();

  const login = async (account: DemoAccount) => {
    const response = await api<{ idToken: string }>('POST', '/auth/login', {
      body: { email: account.email, password: demoPassword },
    });
    expect(response.status, account.email).toBe(200);
    return response.body.idToken;
  };
  const token = (handle: string) => tokens.get(handle) as string;
  const idOf = (title: string) => world.performances.find((p) => p.title === title)?.performanceId as string;
  const signUpsOf = async (handle: string) =>
    (await api<SignUps>('GET', '/me/signups', { token: token(handle) })).body.signUps;
  const directorsPerformances = async () =>
    Promise.all(
      world.accounts
        .filter((a) => a.role === 'director')
        .map(async (a) => {
          const { body } = await api<{ performances: { performanceId: string }[] }>('GET', '/me/performances', {
            token: token(a.handle),
          });
          return body.performances.map((p) => p.performanceId).sort();
        }),
    );

  beforeAll(async () => {
    world = await seedDemoWorld(inject('apiUrl'), (line) => lines.push(line), { emailDomain });
    for (const account of world.accounts) tokens.set(account.handle, await login(account));
  }, 120_000);

  it('creates directors and performers in several time zones who log in with the demo password', () => {
    expect(world.accounts.every((a) => a.created && a.password === demoPassword)).toBe(true);
    expect(world.accounts.filter((a) => a.role === 'director').length).toBeGreaterThanOrEqual(2);
    expect(world.accounts.filter((a) => a.role === 'performer').length).toBeGreaterThanOrEqual(3);
    expect(new Set(world.accounts.map((a) => a.timeZone)).size).toBeGreaterThanOrEqual(3);
    // The accounts table closes the log: every email, with password, role and zone.
    const table = accountsTable(world);
    for (const account of world.accounts) {
      expect(table).toMatch(
        new RegExp(`${account.email}\\s+${demoPassword}\\s+${account.role}\\s+${account.timeZone}`),
      );
    }
    expect(lines.join('\n')).toContain(table);
  });

  it('posts live and filmed performances in at least three venue time zones, with past and future slots', async () => {
    const views = await Promise.all(
      world.performances.map(async (p) => {
        const response = await api<{
          kind: string;
          venue: { timeZone: string };
          characters: { attributes: Record<string, unknown> }[];
          slots: { startsAt: { utc: string } }[];
        }>('GET', `/performances/${p.performanceId}`, { token: token('ada') });
        expect(response.status).toBe(200);
        return response.body;
      }),
    );
    expect(new Set(views.map((v) => v.venue.timeZone)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(views.map((v) => v.kind))).toEqual(new Set(['live', 'filmed']));
    const starts = views.flatMap((v) => v.slots.map((s) => new Date(s.startsAt.utc).getTime()));
    expect(starts.some((t) => t < Date.now())).toBe(true);
    expect(starts.some((t) => t > Date.now())).toBe(true);
    const attributes = views.flatMap((v) => v.characters.map((c) => c.attributes));
    expect(attributes.some((a) => a.voiceType && a.gender && a.ageMin !== undefined)).toBe(true);
  });

  it('makes the open performances findable by search, and keeps the closed one out by default', async () => {
    const search = async (query: string) =>
      (await api<Page>('GET', `/performances?${query}&limit=50`, { token: token('dev') })).body.results.map(
        (r) => r.performanceId,
      );
    await eventually(
      () => search('q=twelfth night'),
      (ids) => ids.includes(idOf('Twelfth Night')),
    );
    await eventually(
      () => search('q=shimokita&kind=filmed'),
      (ids) => ids.includes(idOf('Midnight in Shimokita')),
    );
    await eventually(
      () => search('country=US&voiceType=tenor'),
      (ids) => ids.includes(idOf('The Pirates of Penzance')),
    );
    await eventually(
      () => search('q=butterfly&includeClosed=true'),
      (ids) => ids.includes(idOf('Madama Butterfly')),
    );
    expect(await search('q=butterfly')).not.toContain(idOf('Madama Butterfly'));
  });

  it('shows each performer their sign-ups, one of every status among them', async () => {
    const all = (
      await Promise.all(world.accounts.filter((a) => a.role === 'performer').map(async (a) => signUpsOf(a.handle)))
    ).flat();
    for (const status of ['signed-up', 'withdrawn', 'cast', 'not-cast']) {
      expect(all.map((s) => s.status)).toContain(status);
    }
    expect(all.some((s) => s.status === 'signed-up' && s.accessNeeds)).toBe(true);
    expect(await signUpsOf('chloe')).toEqual([
      expect.objectContaining({ performanceId: idOf('Madama Butterfly'), status: 'not-cast' }),
    ]);
  });

  it('gives a performer current and past performances', async () => {
    const { body: ben } = await api<Me>('GET', '/me', { token: token('ben') });
    expect(ben.currentPerformances).toEqual([
      expect.objectContaining({ performanceId: idOf('The Pirates of Penzance') }),
    ]);
    expect(ben.pastPerformances).toEqual([expect.objectContaining({ performanceId: idOf('Madama Butterfly') })]);
    expect(ben.credits.length).toBeGreaterThan(0);
  });

  it('can run again without failing or duplicating anything', async () => {
    const before = {
      performances: await directorsPerformances(),
      signUps: await Promise.all(['ada', 'ben', 'chloe', 'dev', 'emi', 'felix'].map(signUpsOf)),
    };
    const again: string[] = [];
    const second = await seedDemoWorld(inject('apiUrl'), (line) => again.push(line), { emailDomain });
    expect(second.accounts.map((a) => [a.email, a.userId, a.created])).toEqual(
      world.accounts.map((a) => [a.email, a.userId, false]),
    );
    expect(second.performances.map((p) => [p.performanceId, p.created])).toEqual(
      world.performances.map((p) => [p.performanceId, false]),
    );
    expect(again.some((line) => /already there/.test(line))).toBe(true);
    expect(await directorsPerformances()).toEqual(before.performances);
    expect(await Promise.all(['ada', 'ben', 'chloe', 'dev', 'emi', 'felix'].map(signUpsOf))).toEqual(before.signUps);
  }, 60_000);
});
