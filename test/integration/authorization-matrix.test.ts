import { beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../src/manifest';
import { api, signedUpUser } from '../support/api';
import { createPerformance, performanceBody } from '../support/fixtures';

type Principal = 'anonymous' | 'performer' | 'another performer' | 'owning director' | 'another director';
const principals: Principal[] = ['anonymous', 'another performer', 'another director', 'performer', 'owning director'];

interface World {
  tokens: Record<Principal, string | undefined>;
  performerId: string;
  /** "another performer", listed in the talent directory (so directors may invite them). */
  otherPerformerId: string;
  performance: Awaited<ReturnType<typeof createPerformance>>;
}

interface Cell {
  /** What the world needs besides the performance and the sign-up, done before any principal calls. */
  readonly prepare?: (w: World) => Promise<void>;
  readonly path: (w: World) => string;
  readonly body?: (w: World) => unknown;
  readonly expected: Record<Principal, number>;
}

const all = (status: number): Record<Principal, number> => ({
  anonymous: status,
  performer: status,
  'another performer': status,
  'owning director': status,
  'another director': status,
});
const signedIn = (status: number) => ({ ...all(status), anonymous: 401 });
const directorsOnly = (owner: number, other = 404) => ({
  anonymous: 401,
  performer: 403,
  'another performer': 403,
  'owning director': owner,
  'another director': other,
});
const performersOnly = (performer: number, another: number) => ({
  anonymous: 401,
  performer,
  'another performer': another,
  'owning director': 403,
  'another director': 403,
});

const performance = (w: World) => `/performances/${w.performance.performanceId}`;

/** Every route of the manifest, the request each principal makes, and the status each must get. */
const matrix: Record<string, Cell> = {
  'GET /openapi.json': { path: () => '/openapi.json', expected: all(200) },
  'POST /auth/signup': { path: () => '/auth/signup', body: () => ({}), expected: all(400) },
  'POST /auth/confirm': { path: () => '/auth/confirm', body: () => ({}), expected: all(400) },
  'POST /auth/login': { path: () => '/auth/login', body: () => ({}), expected: all(400) },
  'POST /auth/refresh': { path: () => '/auth/refresh', body: () => ({}), expected: all(400) },
  'GET /me': { path: () => '/me', expected: signedIn(200) },
  'PATCH /me': { path: () => '/me', body: () => ({ name: 'Renamed Person' }), expected: signedIn(200) },
  // Each performer's own photos: an upload for anyone who is a performer; no photo of that id in either's profile.
  'POST /me/photos': {
    path: () => '/me/photos',
    body: () => ({ contentType: 'image/jpeg', size: 1000 }),
    expected: performersOnly(201, 201),
  },
  'PUT /me/photos/{photoId}': { path: () => '/me/photos/nosuchphoto', expected: performersOnly(404, 404) },
  'DELETE /me/photos/{photoId}': { path: () => '/me/photos/nosuchphoto', expected: performersOnly(404, 404) },
  'POST /performances': {
    path: () => '/performances',
    body: () => performanceBody(),
    expected: { ...directorsOnly(201, 201) },
  },
  'GET /performances': { path: () => '/performances?q=hamlet', expected: signedIn(200) },
  'GET /performances/{performanceId}': { path: performance, expected: signedIn(200) },
  'PUT /performances/{performanceId}': {
    path: performance,
    body: (w) => ({ ...performanceBody(), version: w.performance.version }),
    expected: directorsOnly(200),
  },
  'DELETE /performances/{performanceId}': { path: performance, expected: directorsOnly(204) },
  'GET /me/performances': { path: () => '/me/performances', expected: directorsOnly(200, 200) },
  'POST /performances/{performanceId}/signup': {
    path: (w) => `${performance(w)}/signup`,
    body: (w) => ({ slotId: w.performance.slots[0]?.slotId, characterIds: [w.performance.characters[0]?.characterId] }),
    expected: performersOnly(409, 201),
  },
  'DELETE /performances/{performanceId}/signup': {
    path: (w) => `${performance(w)}/signup`,
    expected: performersOnly(200, 409),
  },
  'GET /me/signups': { path: () => '/me/signups', expected: performersOnly(200, 200) },
  'GET /me/signups/{performanceId}/calendar.ics': {
    path: (w) => `/me/signups/${w.performance.performanceId}/calendar.ics`,
    expected: performersOnly(200, 404),
  },
  'GET /performances/{performanceId}/signups': {
    path: (w) => `${performance(w)}/signups`,
    expected: directorsOnly(200),
  },
  'GET /performances/{performanceId}/performers/{performerId}': {
    path: (w) => `${performance(w)}/performers/${w.performerId}`,
    expected: directorsOnly(200),
  },
  // Any director may search the talent directory; "performer" has not chosen to be listed, so their page is 404.
  'GET /performers': { path: () => '/performers?q=hamlet', expected: directorsOnly(200, 200) },
  'GET /performers/{performerId}': {
    path: (w) => `/performers/${w.performerId}`,
    expected: directorsOnly(404, 404),
  },
  'POST /performances/{performanceId}/invitations': {
    path: (w) => `${performance(w)}/invitations`,
    body: (w) => ({ performerId: w.otherPerformerId, message: 'Come and audition' }),
    expected: directorsOnly(201),
  },
  'GET /performances/{performanceId}/invitations': {
    path: (w) => `${performance(w)}/invitations`,
    expected: directorsOnly(200),
  },
  'GET /me/invitations': { path: () => '/me/invitations', expected: performersOnly(200, 200) },
  'PUT /me/invitations/{invitationId}': {
    // "performer" is invited (listed for the moment it takes), so the invitation is theirs and nobody else's.
    prepare: async (w) => {
      expect((await api('PATCH', '/me', { token: w.tokens.performer, body: { listed: true } })).status).toBe(200);
      const invited = await api('POST', `${performance(w)}/invitations`, {
        token: w.tokens['owning director'],
        body: { performerId: w.performerId },
      });
      expect(invited.status, JSON.stringify(invited.body)).toBe(201);
      expect((await api('PATCH', '/me', { token: w.tokens.performer, body: { listed: false } })).status).toBe(200);
    },
    path: (w) => `/me/invitations/${w.performance.performanceId}_${w.performerId}`,
    body: () => ({ status: 'opened' }),
    expected: performersOnly(200, 404),
  },
  'POST /performances/{performanceId}/castings': {
    path: (w) => `${performance(w)}/castings`,
    body: (w) => ({ performerId: w.performerId, characterId: w.performance.characters[0]?.characterId }),
    // The owner passes every access check; the audition is still ahead, so casting is refused on its merits.
    expected: directorsOnly(409),
  },
  'DELETE /performances/{performanceId}/castings/{performerId}': {
    path: (w) => `${performance(w)}/castings/${w.performerId}`,
    // The owner passes every access check; the performer is signed up, not cast, so there is nothing to undo.
    expected: directorsOnly(409),
  },
  'POST /performances/{performanceId}/close-casting': {
    path: (w) => `${performance(w)}/close-casting`,
    expected: directorsOnly(202),
  },
};

describe('authorization matrix: every route × every kind of caller', () => {
  const tokens = {} as World['tokens'];
  let performerId = '';
  let otherPerformerId = '';

  beforeAll(async () => {
    const [performer, other, owner, otherDirector] = await Promise.all([
      signedUpUser('performer'),
      signedUpUser('performer'),
      signedUpUser('director'),
      signedUpUser('director'),
    ]);
    Object.assign(tokens, {
      anonymous: undefined,
      performer: performer.token,
      'another performer': other.token,
      'owning director': owner.token,
      'another director': otherDirector.token,
    });
    performerId = performer.userId;
    otherPerformerId = other.userId;
    expect((await api('PATCH', '/me', { token: other.token, body: { listed: true } })).status).toBe(200);
  });

  it('covers every route in the manifest', () => {
    const routes = functions.flatMap((f) =>
      f.trigger.kind === 'http' ? [`${f.trigger.route.method} ${f.trigger.route.path}`] : [],
    );
    expect(Object.keys(matrix).sort()).toEqual(routes.sort());
  });

  it.each(Object.entries(matrix))('%s', async (route, cell) => {
    // A fresh world per route: a performance of the owning director with "performer" signed up.
    const created = await createPerformance(tokens['owning director'] as string);
    const signUp = await api('POST', `/performances/${created.performanceId}/signup`, {
      token: tokens.performer,
      body: { slotId: created.slots[0]?.slotId, characterIds: [created.characters[1]?.characterId] },
    });
    expect(signUp.status).toBe(201);
    const world: World = { tokens, performerId, otherPerformerId, performance: created };
    await cell.prepare?.(world);
    const method = route.split(' ')[0] as string;
    const actual: Record<string, number> = {};
    // Those who may not act go first, so the one who may (and may change things) acts last.
    for (const principal of principals) {
      const response = await api(method, cell.path(world), { token: tokens[principal], body: cell.body?.(world) });
      actual[principal] = response.status;
      if (response.status >= 400 && response.status !== 401) {
        expect(response.contentType, `${principal}: ${JSON.stringify(response.body)}`).toContain(
          'application/problem+json',
        );
      }
    }
    expect(actual).toEqual(cell.expected);
  });
});
