import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpRoute } from '../../src/manifest';
import { functions } from '../../src/manifest';
import { contracts } from '../../src/schemas/contracts';
import type { ApiResponse } from '../support/api';
import { api, signedUpUser } from '../support/api';
import { createPerformance, performanceBody } from '../support/fixtures';
import { attachmentText, eventually, sentEmails } from '../support/outbox';

/**
 * Hostile requests for every route of the manifest, generated with fast-check: bodies, query strings and path
 * parameters with huge strings, odd Unicode, injection strings and line breaks. Whatever comes in, the API
 * answers a 2xx or a 4xx application/problem+json, never a 5xx.
 */

const httpRoutes = functions.flatMap((f) =>
  f.trigger.kind === 'http' ? [{ name: f.name as keyof typeof contracts, ...f.trigger.route }] : [],
);

const injections = [
  "' OR '1'='1' --",
  "'; DROP TABLE audition_me; --",
  '{"$gt": ""}',
  '{"$where": "sleep(1000)"}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '#{7*7}',
  '<%= 7*7 %>',
  '%s%s%s%n',
  '../../../../etc/passwd',
  '\u0000',
  'attribute_not_exists(pk) OR pk = :pk',
  '#pk = :pk',
  '=cmd|"/c calc"!A1',
  'Bo\r\nBcc: evil@example.com',
  'Hamlet\nSubject: injected',
  'line\u2028separator\u2029paragraph',
  '\u202Egnp.exe',
  'zero\u200Bwidth\u200D\uFEFF',
  'ﷺ ᄀᄀᄀ 각각 ༼ つ ◕_◕ ༽つ',
  '👩‍👩‍👧‍👦🏳️‍🌈🇬🇧',
  'é'.normalize('NFD').repeat(50),
  '\uD800',
  'a\uDFFFb',
  '\uDBFF\uDBFF',
  '-1',
  '1e309',
  'NaN',
  'true',
  'null',
  '__proto__',
  'constructor',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const oddUnit = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 1 }),
  loneSurrogate,
  fc.constantFrom('\r', '\n', '\r\n', '\u0000', '\u202E', '\u200F', '\u200B', '\uFEFF', '\u2028', '😀', '\u0301'),
);

/** A hostile string: injections, odd Unicode (lone surrogates, RTL and zero-width marks, emoji), huge ones. */
const hostileText = (maxHuge: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...injections) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 3, arbitrary: fc.string({ unit: oddUnit, minLength: 1, maxLength: 20 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('A', 'é', '😀', '\u202E', '\r\n', '<b>', "'"), fc.integer({ min: 1, max: maxHuge }))
        .map(([unit, n]) => unit.repeat(Math.max(1, Math.floor(n / unit.length)))),
    },
  );

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileText(80_000) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, -1, 0, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2, 2.5, [], {}),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileText(200), { maxLength: 5 }) },
);

/** Every leaf path of a JSON value, e.g. ['venue', 'city'] or ['characters', 0, 'name']. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}

function replaced(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, replacement) : v));
  const object = value as Record<string, unknown>;
  return { ...object, [head]: replaced(object[head], rest, replacement) };
}

/** A valid body with one to three fields made hostile, extra unknown fields, or something else entirely. */
function hostileBody(valid: unknown): fc.Arbitrary<{ raw?: string; json?: unknown; contentType: string }> {
  const paths = leafPaths(valid);
  const mutated = fc
    .array(fc.tuple(fc.constantFrom(...paths), hostileValue), { minLength: 1, maxLength: 3 })
    .map((changes) => changes.reduce((body, [path, value]) => replaced(body, path, value), valid));
  return fc.oneof(
    { weight: 6, arbitrary: mutated.map((json) => ({ json, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(hostileText(100), hostileValue)
        .map(([key, value]) => ({ json: { ...(valid as object), [key]: value }, contentType: 'application/json' })),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((json) => ({ json, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          hostileText(2_000),
          fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        )
        .map(([raw, contentType]) => ({ raw, contentType })),
    },
  );
}

/** Percent-encodes a string as its UTF-8 bytes, as an HTTP client would (a lone surrogate becomes U+FFFD). */
const encode = (value: string) => encodeURIComponent(value.replace(/\p{Cs}/gu, '\uFFFD'));

/**
 * API Gateway's HTTP API takes a request line and headers of at most 10 KB and answers anything longer itself
 * (as Node's HTTP server does locally, with a bare 431), before any function runs: longer URLs are cut to 8 KB.
 */
function withinUrlLimit(url: string): string {
  if (url.length <= 8_000) return url;
  const cut = url.slice(0, 8_000).replace(/%[0-9A-F]?$/, '');
  return cut.includes('?') ? cut.slice(0, Math.max(cut.indexOf('?'), cut.lastIndexOf('&'))) : cut;
}

interface World {
  director: { token: string; userId: string };
  performer: { token: string; userId: string };
  performance: Awaited<ReturnType<typeof createPerformance>>;
}

/** A valid body for each route that takes one; the generator makes it hostile. */
function validBodies(w: World): Partial<Record<keyof typeof contracts, unknown>> {
  const slotId = w.performance.slots[0]?.slotId;
  const characterId = w.performance.characters[0]?.characterId;
  return {
    'auth-signup': {
      email: 'hostile@example.com',
      password: 'a-long-password',
      role: 'performer',
      name: 'Hostile Person',
      phone: '+442071838750',
      timeZone: 'Europe/London',
    },
    'auth-confirm': { email: 'hostile@example.com', code: '123456' },
    'auth-login': { email: 'hostile@example.com', password: 'a-long-password' },
    'auth-refresh': { refreshToken: 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.x.y.z.w' },
    'me-update': {
      name: 'Renamed',
      credits: [{ title: 'Hamlet', role: 'Ophelia', year: 2020, company: 'RSC' }],
      listed: true,
      ageMin: 30,
      ageMax: 40,
      gender: 'woman',
      genderCategory: 'female',
      voiceType: 'alto',
      skills: ['singing', 'stage combat'],
      languages: ['english'],
      unions: ['equity'],
      city: 'London',
      country: 'GB',
      links: { reel: 'https://example.com/reel', website: 'https://example.com' },
      bio: 'Alto, actor.\nTrained at RADA.',
      invitations: true,
    },
    'photo-create': { contentType: 'image/jpeg', size: 1000 },
    'performance-create': performanceBody(),
    'performance-update': { ...performanceBody(), version: w.performance.version },
    'signup-create': { slotId, characterIds: [characterId], accessNeeds: 'Step-free access' },
    'casting-create': { performerId: w.performer.userId, characterId },
    'invitation-create': { performerId: w.performer.userId, slotId, message: 'Come and audition.\nBring a song.' },
    'my-invitation-update': { status: 'declined' },
  };
}

const validQuery: Record<string, string> = {
  q: 'hamlet',
  city: 'London',
  country: 'GB',
  from: '2030-01-01',
  to: '2030-12-31',
  kind: 'live',
  gender: 'female',
  voiceType: 'soprano',
  age: '30',
  includeClosed: 'true',
  limit: '10',
  cursor: 'eyJwayI6IngifQ',
  // The talent directory's filters.
  ageMin: '30',
  ageMax: '40',
  skills: 'singing,stage combat',
  languages: 'english',
  union: 'equity',
};

function hostileQuery(): fc.Arbitrary<string> {
  const keys = Object.keys(validQuery);
  return fc
    .tuple(
      fc.subarray(keys, { minLength: 0 }),
      fc.array(fc.tuple(fc.constantFrom(...keys), hostileText(1_500)), { maxLength: 3 }),
      fc.array(fc.tuple(hostileText(50), hostileText(200)), { maxLength: 2 }),
    )
    .map(([valid, hostile, unknown]) =>
      [...valid.map((k) => [k, validQuery[k] ?? ''] as const), ...hostile, ...unknown]
        .map(([k, v]) => `${encode(k)}=${encode(v)}`)
        .join('&'),
    );
}

/** A path parameter: sometimes a real id, mostly hostile (but never empty or `.`/`..`, which no route can be). */
const hostileId = (real: string) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(real) },
    {
      weight: 5,
      arbitrary: hostileText(300).filter((s) => {
        const decoded = s.replace(/\p{Cs}/gu, '\uFFFD');
        return decoded.length > 0 && decoded !== '.' && decoded !== '..';
      }),
    },
  );

function tokenFor(route: HttpRoute, w: World): string | undefined {
  if (route.access === 'public') return undefined;
  return route.access === 'director' ? w.director.token : w.performer.token;
}

/** A 2xx, or a 4xx problem; API Gateway's own bare 401 only when no token was sent. */
function expectHandled(response: ApiResponse, request: string, tokenSent: boolean) {
  const where = `${request} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
  expect(response.status, where).toBeLessThan(500);
  if (response.status < 400) return;
  if (response.status === 401 && !tokenSent && !/problem/.test(response.contentType)) {
    expect(response.body, where).toEqual({ message: 'Unauthorized' });
    return;
  }
  expect(response.contentType, where).toMatch(/^application\/problem\+json/);
  const problem = response.body as { status?: number; code?: string; type?: string };
  expect(problem.status, where).toBe(response.status);
  expect(problem.code, where).toMatch(/^[a-z-]+$/);
  expect(problem.type, where).toBe(`/problems/${problem.code}`);
}

const runs = Number(process.env.HOSTILE_RUNS ?? 50);

describe('hostile input on every route', () => {
  const w = {} as World;

  beforeAll(async () => {
    const [director, performer] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]);
    Object.assign(w, { director, performer });
    w.performance = await createPerformance(director.token, {
      slots: [{ start: '2031-06-01T10:00', durationMinutes: 30, capacity: 50 }],
    });
    const signUp = await api('POST', `/performances/${w.performance.performanceId}/signup`, {
      token: performer.token,
      body: { slotId: w.performance.slots[0]?.slotId, characterIds: [w.performance.characters[0]?.characterId] },
    });
    expect(signUp.status).toBe(201);
    // Listed and invited, so the invitation routes have something real to work on.
    expect((await api('PATCH', '/me', { token: performer.token, body: { listed: true } })).status).toBe(200);
    const invited = await api('POST', `/performances/${w.performance.performanceId}/invitations`, {
      token: director.token,
      body: { performerId: performer.userId },
    });
    expect(invited.status).toBe(201);
  });

  it('covers every HTTP route of the manifest, with a body for each route whose contract takes one', () => {
    expect(httpRoutes.length).toBeGreaterThanOrEqual(20);
    const bodies = validBodies({
      director: { token: '', userId: 'd' },
      performer: { token: '', userId: 'p' },
      performance: { performanceId: 'p', version: 1, slots: [], characters: [] },
    });
    for (const route of httpRoutes) {
      expect('body' in contracts[route.name], route.name).toBe(route.name in bodies);
    }
  });

  it.each(httpRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s answers 2xx or a 4xx problem, never 5xx',
    async (_label, route) => {
      const contract = contracts[route.name];
      const parameterNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      const real: Record<string, string> = {
        performanceId: w.performance.performanceId,
        performerId: w.performer.userId,
        invitationId: `${w.performance.performanceId}_${w.performer.userId}`,
      };
      const params = fc.record(Object.fromEntries(parameterNames.map((n) => [n, hostileId(real[n] ?? 'x')])));
      const valid = validBodies(w)[route.name];
      const body = valid === undefined ? fc.constant(undefined) : hostileBody(valid);
      const query = 'query' in contract ? hostileQuery() : fc.option(hostileQuery(), { freq: 3 });
      const token = fc.oneof(
        { weight: 8, arbitrary: fc.constant(tokenFor(route, w)) },
        { weight: 1, arbitrary: fc.constantFrom(w.performer.token, w.director.token, 'not-a-jwt', 'a.b.c') },
      );
      await fc.assert(
        fc.asyncProperty(params, body, query, token, async (p, b, q, t) => {
          const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => encode(p[name] ?? ''));
          const url = withinUrlLimit(q ? `${path}?${q}` : path);
          const response = await api(route.method, url, {
            token: t,
            ...(b ? { rawBody: b.raw ?? JSON.stringify(b.json), headers: { 'content-type': b.contentType } } : {}),
          });
          expectHandled(response, `${route.method} ${url.slice(0, 200)}`, t !== undefined);
        }),
        { numRuns: runs, endOnFailure: true },
      );
    },
  );
});

describe('deeply nested bodies', () => {
  it('every route with a JSON body, public ones too, refuses a body nested 10,000 deep with a 400 problem', async () => {
    const director = await signedUpUser('director');
    const performer = await signedUpUser('performer');
    const performance = await createPerformance(director.token);
    const w: World = { director, performer, performance };
    const bodyRoutes = httpRoutes.filter((route) => route.name in validBodies(w));
    expect(bodyRoutes).toHaveLength(12);
    const deep = (n: number) => `{"a":${'['.repeat(n)}1${']'.repeat(n)}}`;
    for (const route of bodyRoutes) {
      const path = route.path
        .replace('{performanceId}', performance.performanceId)
        .replace('{performerId}', performer.userId)
        .replace('{invitationId}', `${performance.performanceId}_${performer.userId}`);
      for (const body of [deep(10_000), '['.repeat(20_000) + ']'.repeat(20_000)]) {
        const response = await api(route.method, path, {
          token: tokenFor(route, w),
          rawBody: body,
          headers: { 'content-type': 'application/json' },
        });
        expect(response.status, route.name).toBe(400);
        expect(response.contentType).toMatch(/^application\/problem\+json/);
        expect(response.body, route.name).toMatchObject({ code: 'nesting-too-deep' });
      }
    }
  });
});

describe('local times the clocks skip', () => {
  it('refuses a slot inside the spring-forward gap with 400 nonexistent-local-time naming the gap', async () => {
    const director = await signedUpUser('director');
    const body = performanceBody({
      timeZone: 'America/Denver',
      slots: [{ start: '2027-03-14T02:45', durationMinutes: 30, capacity: 5 }],
    });
    const refused = await api('POST', '/performances', { token: director.token, body });
    expect(refused.status).toBe(400);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'nonexistent-local-time',
      detail: expect.stringContaining('02:00–03:00 on 2027-03-14'),
      errors: [{ path: 'body.slots.0.start', message: expect.stringContaining('America/Denver') }],
    });
  });
});

describe('time-zone names', () => {
  it('are stored canonical from sign-up, profile and venue, and unknown or removed ones are refused', async () => {
    const performer = await signedUpUser('performer', { timeZone: 'us/pacific' });
    expect((await api('GET', '/me', { token: performer.token })).body).toMatchObject({
      timeZone: 'America/Los_Angeles',
    });
    const changed = await api('PATCH', '/me', { token: performer.token, body: { timeZone: 'EUROPE/LONDON' } });
    expect(changed.body).toMatchObject({ timeZone: 'Europe/London' });
    const refused = await api('PATCH', '/me', { token: performer.token, body: { timeZone: 'US/Pacific-New' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'validation-failed', errors: [{ path: 'body.timeZone' }] });
    const director = await signedUpUser('director');
    const created = await createPerformance(director.token, { timeZone: 'europe/london' });
    const read = await api('GET', `/performances/${created.performanceId}`, { token: director.token });
    expect(read.body).toMatchObject({ venue: { timeZone: 'Europe/London' } });
  });
});

type CreatedCharacter = { characterId: string; name: string };

describe('PUT /performances/{id} is as strict as POST', () => {
  it('refuses unknown fields and repeated slot or character ids with 400, never 500', async () => {
    const director = await signedUpUser('director');
    const created = await createPerformance(director.token);
    const slot = created.slots[0] as { slotId: string; start: string };
    const [hamlet, ophelia] = created.characters as [CreatedCharacter, CreatedCharacter];
    const put = (changes: Record<string, unknown>) =>
      api('PUT', `/performances/${created.performanceId}`, {
        token: director.token,
        body: { ...performanceBody(), version: created.version, ...changes },
      });
    const slotTwice = [
      { slotId: slot.slotId, start: slot.start, durationMinutes: 30, capacity: 5 },
      { slotId: slot.slotId, start: slot.start, durationMinutes: 30, capacity: 1 },
    ];
    const characterTwice = [
      { characterId: hamlet.characterId, name: 'Hamlet' },
      { characterId: hamlet.characterId, name: 'Gertrude' },
    ];
    for (const [changes, field] of [
      [{ ownerId: 'someone-else' }, 'body'],
      [{ slots: slotTwice }, 'body.slots.1.slotId'],
      [{ characters: characterTwice }, 'body.characters.1.characterId'],
    ] as const) {
      const refused = await put(changes);
      expect(refused.status, JSON.stringify(changes)).toBe(400);
      expect(refused.body).toMatchObject({ code: 'validation-failed' });
      const errors = (refused.body as { errors: { path: string }[] }).errors.map((e) => e.path);
      expect(errors, JSON.stringify(changes)).toContain(field);
    }
    const kept = await put({
      slots: [{ slotId: slot.slotId, start: slot.start, durationMinutes: 30, capacity: 5 }],
      characters: [
        { characterId: hamlet.characterId, name: 'Hamlet' },
        { characterId: ophelia.characterId, name: 'Ophelia' },
      ],
    });
    expect(kept.status).toBe(200);
  });
});

describe('the local runtime’s helper routes', () => {
  it('answer malformed or wrong bodies with a 4xx problem, never 500, and still work when used right', async () => {
    const bad: [string, string, string | undefined][] = [
      ['POST', '/__local/schedules/reminder-dispatcher', '{'],
      ['POST', '/__local/schedules/reminder-dispatcher', 'null'],
      ['POST', '/__local/schedules/reminder-dispatcher', '[]'],
      ['POST', '/__local/schedules/reminder-dispatcher', '"2030-01-01T00:00:00Z"'],
      ['POST', '/__local/schedules/reminder-dispatcher', '{"time":"not a time"}'],
      ['POST', '/__local/schedules/reminder-dispatcher', '{"time":12}'],
      ['POST', '/__local/schedules/reminder-dispatcher', '{"time":"2030-01-01T00:00:00Z","x":1}'],
      ['POST', '/__local/schedules/reminder-dispatcher', `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
      ['POST', '/__local/schedules/no-such-schedule', '{}'],
    ];
    for (const [method, path, rawBody] of bad) {
      const response = await api(method, path, { rawBody, headers: { 'content-type': 'application/json' } });
      const where = `${method} ${path} ${rawBody?.slice(0, 60)} → ${response.status}`;
      expect(response.status, where).toBeGreaterThanOrEqual(400);
      expect(response.status, where).toBeLessThan(500);
      expect(response.contentType, where).toMatch(/^application\/problem\+json/);
    }
    const run = await api('POST', '/__local/schedules/reminder-dispatcher', {
      body: { time: '2030-01-01T00:00:00Z' },
    });
    expect(run.status).toBe(200);
    expect((await api('POST', '/__local/schedules/reminder-dispatcher', { rawBody: '' })).status).toBe(200);
  });
});

describe('line breaks and header injection in what reaches an email', () => {
  it('refuses control characters in single-line fields, and keeps every email to one recipient on one line', async () => {
    const evil = 'evil@example.com';
    const injected = `\r\nBcc: ${evil}`;
    const director = await signedUpUser('director');
    for (const overrides of [
      { title: `Hamlet${injected}` },
      { director: { name: `Ann${injected}`, email: 'ann@example.com', phone: '+442071838750' } },
      { characters: [{ name: `Ophelia${injected}` }] },
      { venue: { name: `Globe${injected}`, address: 'x', city: 'London', country: 'GB', timeZone: 'Europe/London' } },
      {
        venue: {
          name: 'Globe',
          address: `1 Bankside${injected}`,
          city: 'London',
          country: 'GB',
          timeZone: 'Europe/London',
        },
      },
    ]) {
      const refused = await api('POST', '/performances', { token: director.token, body: performanceBody(overrides) });
      expect(refused.status, JSON.stringify(overrides)).toBe(400);
      expect(refused.body).toMatchObject({ code: 'validation-failed' });
    }
    expect(
      (
        await api('POST', '/auth/signup', {
          body: {
            email: 'crlf@example.com',
            password: 'a-long-password',
            role: 'performer',
            name: `Bo${injected}`,
            phone: '+442071838750',
            timeZone: 'Europe/London',
          },
        })
      ).status,
    ).toBe(400);

    // Multi-line fields take line breaks: they must stay in bodies, never become headers or calendar properties.
    const marker = `crlf${Date.now().toString(36)}`;
    const created = await createPerformance(director.token, {
      title: `Hamlet ${marker} Bcc: ${evil}`,
      description: `Line one${injected}\r\nATTENDEE:mailto:${evil}\r\nEND:VEVENT`,
      venue: {
        name: 'The Globe',
        address: '21 New Globe Walk, London SE1 9DT',
        city: 'London',
        country: 'GB',
        timeZone: 'Europe/London',
      },
      castingDirector: {
        name: 'Cas "Bcc: evil@example.com" Ting',
        email: 'cas.ting@example.com',
        phone: '+442071838751',
      },
      slots: [{ start: '2031-07-01T10:00', durationMinutes: 30, capacity: 5 }],
    });
    const performer = await signedUpUser('performer', { name: 'Bo <evil@example.com> Park' });
    const signUp = await api('POST', `/performances/${created.performanceId}/signup`, {
      token: performer.token,
      body: {
        slotId: created.slots[0]?.slotId,
        characterIds: [created.characters[0]?.characterId],
        accessNeeds: `Ramp${injected}\r\nATTENDEE:mailto:${evil}`,
      },
    });
    expect(signUp.status).toBe(201);

    // The director, the casting director and the performer each get one email.
    const ours = await eventually(
      async () => (await sentEmails()).filter((e) => e.subject.includes(marker)),
      (emails) => emails.length >= 3,
    );
    expect(ours).toHaveLength(3);
    expect(ours.map((e) => e.destination.to).sort()).toEqual(
      [['ann.director@example.com'], ['cas.ting@example.com'], [performer.email]].sort(),
    );
    for (const email of ours) {
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.destination.to).toHaveLength(1);
      expect(email.destination.to).not.toContain(evil);
      for (const attachment of email.attachments ?? []) {
        // Unfolded content lines; the addresses of the organizer and the one attendee are ours, never the injected one.
        const lines = attachmentText(attachment)
          .replace(/\r\n[ \t]/g, '')
          .split('\r\n');
        const people = lines.filter((l) => /^(ATTENDEE|ORGANIZER)[;:]/.test(l));
        expect(people.map((l) => /:mailto:([^:;]+)$/i.exec(l)?.[1]?.toLowerCase()).sort()).toEqual(
          ['ann.director@example.com', performer.email].sort(),
        );
        expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(1);
      }
    }
    expect((await sentEmails()).some((e) => e.destination.to.includes(evil))).toBe(false);
  });
});
