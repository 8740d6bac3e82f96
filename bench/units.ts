import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { LocalSystem } from '../local/system';
import { loadHandler } from '../local/runtime/handlers';
import { currentFunction, invoke } from '../local/runtime/invocation';
import type { MeteredCall } from '../local/runtime/throughput';
import { baseTable } from '../local/runtime/throughput';
import { dynamoProfileStore } from '../src/adapters/dynamodb/profile-store';
import { sesClient } from '../src/adapters/ses/ses-email-sender';
import type { FunctionName } from '../src/manifest';
import { functionNamed, functions, routeOf } from '../src/manifest';
import { round } from './stats';
import { setTableStream } from './table-stream';

/** Read and write units by table (`table`) and index. */
export type UnitsByResource = Record<string, { read: number; write: number }>;

/** One function's share of one operation, per operation (or per email, per sign-up: see `per`). */
export interface UnitsRow {
  readonly operation: string;
  /** The manifest function that made the calls (`table-stream`, `search-indexer`, `mailer`: follow-ups of the request). */
  readonly function: string;
  readonly per: string;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly byResource: UnitsByResource;
}

export interface UnitsResult {
  readonly generatedAt: string;
  readonly method: string;
  readonly rows: readonly UnitsRow[];
  /** Per operation: all its functions together. */
  readonly totals: readonly { operation: string; per: string; readUnits: number; writeUnits: number }[];
}

export interface Person {
  readonly userId: string;
  readonly email: string;
  readonly role: 'performer' | 'director';
}

const zone = 'Europe/London';

/**
 * `npm run bench -- units`: the read and write units of every operation, per table and per index, as DynamoDB
 * Local reports them (ReturnConsumedCapacity INDEXES, through the local runtime's throughput meter) for the real
 * items the operation reads and writes: no assumed sizes. Each operation runs as Lambda would run it (its
 * handler, invoked by the local runtime with its permissions), then its follow-ups run (the stream consumer, the
 * mailer) until the system is quiet; the units are split by the function that consumed them.
 */
export async function measureUnits(system: LocalSystem, progress: (line: string) => void): Promise<UnitsResult> {
  const table = system.stack.resources.tableName;
  const scheduled = new Set(functions.filter((f) => f.trigger.kind === 'schedule').map((f) => f.name as string));
  let measuringSchedule: string | undefined;
  let recording: Map<string, UnitsByResource> | undefined;
  const stopObserving = system.throughput.observe((call: MeteredCall) => {
    const fn = currentFunction() ?? 'outside any function';
    // The 15-minute schedules may fire during a run: their units belong to no measured operation but their own.
    if (!recording || (scheduled.has(fn) && fn !== measuringSchedule)) return;
    const byResource = recording.get(fn) ?? {};
    recording.set(fn, byResource);
    for (const [resource, units] of Object.entries(call.consumed)) {
      const slot = (byResource[resource] ??= { read: 0, write: 0 });
      slot[call.kind] += units;
    }
  });
  let emails = 0;
  sesClient().middlewareStack.add(
    (next) => async (args) => {
      emails += 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchEmailCount', override: true },
  );

  /** Waits until the stream consumer and the mailer have nothing left to do. */
  const settled = () => system.settled();

  const rows: UnitsRow[] = [];
  async function measure<T>(
    operation: string,
    work: () => Promise<T>,
    options: { per?: number; perLabel?: string; mailerPerEmail?: boolean } = {},
  ): Promise<T> {
    recording = new Map();
    emails = 0;
    const result = await work();
    await settled();
    const per = options.per ?? 1;
    for (const [fn, byResource] of recording) {
      const perEmail = fn === 'mailer' && options.mailerPerEmail !== false;
      const divisor = perEmail ? Math.max(1, emails) : per;
      rows.push(unitsRow(operation, fn, perEmail ? 'email' : (options.perLabel ?? 'operation'), byResource, divisor));
    }
    recording = undefined;
    progress(`  ${operation}: ${describe(rows.filter((r) => r.operation === operation))}`);
    return result;
  }

  // People: profiles written straight into the table, as sign-up writes them (Cognito is not what is measured).
  const profiles = dynamoProfileStore(table);
  const person = async (role: Person['role'], n: number | string): Promise<Person> => {
    const userId = randomUUID();
    const email = `units-${role}-${n}-${userId.slice(0, 8)}@bench.example.com`;
    await profiles.create({
      userId,
      role,
      name: `Units ${role} ${n}`,
      email,
      phone: '+442071838750',
      timeZone: zone,
      createdAt: new Date().toISOString(),
    });
    return { userId, email, role };
  };
  const call = (name: FunctionName, caller: Person | undefined, request: HttpRequest = {}) =>
    callHandler(name, caller, request);

  progress('units: people and performances');
  const director = await person('director', 'd');
  const performers = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => person('performer', n)));
  const [p1, p2, p3, p4, p5, p6, p7] = performers as [Person, Person, Person, Person, Person, Person, Person];
  const day = (days: number, time: string) =>
    `${DateTime.now().setZone(zone).plus({ days }).toFormat('yyyy-MM-dd')}T${time}`;
  const input = (title: string, slotStart: string, capacity = 500) => ({
    title,
    description: 'A production whose capacity use is measured: a full-sized description of the piece.',
    kind: 'live',
    director: { name: 'Ann Director', email: 'ann.director@example.com', phone: '+442071838750' },
    castingDirector: { name: 'Cas Ting', email: 'cas.ting@example.com', phone: '+442071838751' },
    venue: { name: 'The Globe', address: '21 New Globe Walk', city: 'London', country: 'GB', timeZone: zone },
    dates: [day(60, '19:30')],
    characters: [
      { name: 'Hamlet', description: 'The prince.' },
      { name: 'Ophelia', description: 'Daughter of Polonius.' },
    ],
    slots: [{ start: slotStart, durationMinutes: 120, capacity }],
  });
  interface Created {
    performanceId: string;
    version: number;
    slots: { slotId: string }[];
    characters: { characterId: string }[];
  }
  const create = async (title: string, slotStart: string) =>
    (await call('performance-create', director, { body: input(title, slotStart) })) as Created;
  const signUp = (who: Person, p: Created, at?: Date) =>
    call('signup-create', who, {
      params: { performanceId: p.performanceId },
      body: { slotId: p.slots[0]?.slotId, characterIds: [p.characters[0]?.characterId] },
      at,
    });

  progress('units: measuring each operation');
  const slotStart = day(30, '10:00');
  const afterAudition = DateTime.fromISO(slotStart, { zone }).plus({ hours: 1 }).toJSDate();
  const performance = await measure('performance create (with search indexing)', () =>
    create('Units: Hamlet', slotStart),
  );
  const updated = (await measure('performance update (with search re-indexing)', () =>
    call('performance-update', director, {
      params: { performanceId: performance.performanceId },
      body: {
        ...input('Units: Hamlet, revised', slotStart),
        version: performance.version,
        slots: [{ slotId: performance.slots[0]?.slotId, start: slotStart, durationMinutes: 120, capacity: 500 }],
        characters: performance.characters.map((c, i) => ({
          ...input('', slotStart).characters[i],
          characterId: c.characterId,
        })),
      },
    }),
  )) as Created;
  void updated;
  await measure('sign-up', () => signUp(p1, performance));
  await measure('withdraw', () =>
    call('signup-withdraw', p1, { params: { performanceId: performance.performanceId } }),
  );
  await signUp(p2, performance);
  await settled();
  await measure('cast', () =>
    call('casting-create', director, {
      params: { performanceId: performance.performanceId },
      body: { performerId: p2.userId, characterId: performance.characters[0]?.characterId },
      at: afterAudition,
    }),
  );
  await measure('uncast', () =>
    call('casting-undo', director, {
      params: { performanceId: performance.performanceId, performerId: p2.userId },
      at: afterAudition,
    }),
  );
  // A large performance: the casting checks its small guard, not the performance item (here about 35 KB).
  const large = (await call('performance-create', director, {
    body: {
      ...input('Units: a large company', slotStart),
      characters: Array.from({ length: 30 }, (_, n) => ({
        name: `Role ${n + 1}`,
        description: `A part with a long description. ${'A line of character notes. '.repeat(40)}`,
      })),
    },
  })) as Created;
  await signUp(p3, large);
  await settled();
  await measure('cast, in a performance of 30 characters (item about 35 KB)', () =>
    call('casting-create', director, {
      params: { performanceId: large.performanceId },
      body: { performerId: p3.userId, characterId: large.characters[0]?.characterId },
      at: afterAudition,
    }),
  );
  for (const who of [p3, p4, p5]) await signUp(who, performance);
  await measure(
    'close casting',
    () => call('casting-close', director, { params: { performanceId: performance.performanceId }, at: afterAudition }),
    { per: 4, perLabel: 'sign-up' },
  );

  await measure(
    'performance delete (5 sign-ups)',
    () => call('performance-delete', director, { params: { performanceId: performance.performanceId } }),
    { mailerPerEmail: true },
  );
  await measure('search page', () => call('performance-search', p6, { query: {} }));
  await measure('my sign-ups', () => call('my-signups', p2));
  await measure('profile get', () => call('me-get', p6));
  await measure('profile update', () => call('me-update', p6, { body: { name: 'Units performer renamed' } }));

  // A reminder: a slot the day after tomorrow, so the reminder is due tomorrow at 19:00 in the performer's zone.
  const soon = await create('Units: reminder', day(2, '10:00'));
  await signUp(p7, soon);
  await settled();
  const reminderAt = DateTime.fromISO(day(1, '19:00'), { zone }).toJSDate();
  measuringSchedule = 'reminder-dispatcher';
  await measure(
    'reminder message dispatched (one recipient)',
    () => system.scheduler.run('reminder-dispatcher', reminderAt),
    { mailerPerEmail: true },
  );
  measuringSchedule = undefined;

  // Invitations: p6, listed with a full bio (the invitation checks the profile item), invited with a long message.
  await profiles.update(p6.userId, { listed: true, bio: 'Actor and singer, trained in London. '.repeat(25) });
  await settled();
  const invitation = { performanceId: soon.performanceId };
  await measure(
    'invitation (with its email)',
    () =>
      call('invitation-create', director, {
        params: invitation,
        body: {
          performerId: p6.userId,
          slotId: soon.slots[0]?.slotId,
          message: 'We would love to hear you. '.repeat(30),
        },
      }),
    { mailerPerEmail: true },
  );
  await measure('invitations of a performance', () => call('invitations-list', director, { params: invitation }));
  await measure('my invitations', () => call('my-invitations', p6));
  await measure('invitation declined', () =>
    call('my-invitation-update', p6, {
      params: { invitationId: `${soon.performanceId}_${p6.userId}` },
      body: { status: 'declined' },
    }),
  );

  // The talent directory: 24 performers with full entries listing themselves (a page is 20, so the page is full
  // and has a next), one of them with a photo; priced as a director reads them.
  progress('units: the talent directory (24 listed performers with full entries, one photo)');
  const entry = (n: number) => ({
    listed: true,
    ageMin: 28,
    ageMax: 42,
    gender: 'Man',
    genderCategory: 'male',
    voiceType: 'baritone',
    skills: ['singing', 'stage combat', 'piano'],
    languages: ['english', 'french'],
    unions: ['equity'],
    city: 'London',
    country: 'GB',
    links: { reel: `https://example.com/reel/${n}`, website: `https://example.com/performer/${n}` },
    bio: `Performer ${n}. ${'Actor and singer, trained in London, with a decade of touring work. '.repeat(12)}`,
  });
  const listedPerformers = await Promise.all(Array.from({ length: 24 }, (_, n) => person('performer', `dir-${n}`)));
  const [pictured, ...restListed] = listedPerformers as [Person, ...Person[]];
  await measure('directory listing (profile update with every field, then indexed)', () =>
    call('me-update', pictured, { body: entry(0) }),
  );
  for (const [n, who] of restListed.entries()) await call('me-update', who, { body: entry(n + 1) });
  await settled();
  const started = (await measure('photo upload started (presigned POST)', () =>
    call('photo-create', pictured, { body: { contentType: 'image/jpeg', size: 300_000 } }),
  )) as { photoId: string; upload: { url: string; fields: Record<string, string> } };
  await uploadPhoto(started.upload, 300_000);
  await measure('photo confirmed (copied into the profile)', () =>
    call('photo-confirm', pictured, { params: { photoId: started.photoId } }),
  );
  const londonBaritones = { voiceType: 'baritone', city: 'London', country: 'GB', skills: 'singing', limit: '20' };
  await measure('directory page (20 results: a London baritone who sings)', () =>
    call('performer-directory', director, { query: londonBaritones }),
  );
  await measure('directory page (20 results: browse, no filter)', () =>
    call('performer-directory', director, { query: { limit: '20' } }),
  );
  await measure("a performer's directory page (with a photo)", () =>
    call('performer-directory-get', director, { params: { performerId: pictured.userId } }),
  );
  await measure('photo removed', () => call('photo-delete', pictured, { params: { photoId: started.photoId } }));

  progress('units: filling one slot with 499 sign-ups (stream off, as for a bulk load)');
  const full = await create('Units: a full slot', slotStart);
  await settled();
  await setTableStream(table, false);
  const fillers = await Promise.all(Array.from({ length: 499 }, (_, n) => person('performer', `fill-${n}`)));
  // One at a time: they all take a place in the same slot and join the same reminder, so parallel ones conflict.
  for (const who of fillers) await signUp(who, full);
  await setTableStream(table, true);
  await measure('sign-up into a slot holding 499 sign-ups', () => signUp(p6, full));

  stopObserving();
  sesClient().middlewareStack.remove('benchEmailCount');
  const operations = [...new Set(rows.map((r) => r.operation))];
  const totals = operations.map((operation) => {
    const mine = rows.filter((r) => r.operation === operation && r.per !== 'email');
    return {
      operation,
      per: mine[0]?.per ?? 'operation',
      readUnits: round(
        mine.reduce((n, r) => n + r.readUnits, 0),
        2,
      ),
      writeUnits: round(
        mine.reduce((n, r) => n + r.writeUnits, 0),
        2,
      ),
    };
  });
  return {
    generatedAt: new Date().toISOString(),
    method:
      'Each handler invoked by the local runtime (permissions on, throughput unmetered so nothing is refused), ' +
      'units as DynamoDB Local reports them with ReturnConsumedCapacity INDEXES for the real items; follow-ups ' +
      '(table-stream, search-indexer, mailer) are measured until the system is quiet. Mailer rows are per email sent.',
    rows,
    totals,
  };
}

/** The browser's part of a photo upload: the presigned POST's fields and a file of `size` bytes, straight to S3. */
async function uploadPhoto(upload: { url: string; fields: Record<string, string> }, size: number): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(size)], { type: upload.fields['Content-Type'] }), 'photo.jpg');
  const response = await fetch(upload.url, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`photo upload answered ${response.status}: ${await response.text()}`);
}

function unitsRow(operation: string, fn: string, per: string, byResource: UnitsByResource, divisor: number): UnitsRow {
  const scaled = Object.fromEntries(
    Object.entries(byResource)
      .sort(([a], [b]) => (a === baseTable ? -1 : b === baseTable ? 1 : a.localeCompare(b)))
      .map(([name, u]) => [name, { read: round(u.read / divisor, 2), write: round(u.write / divisor, 2) }]),
  );
  const sum = (kind: 'read' | 'write') =>
    round(
      Object.values(scaled).reduce((n, u) => n + u[kind], 0),
      2,
    );
  return { operation, function: fn, per, readUnits: sum('read'), writeUnits: sum('write'), byResource: scaled };
}

const describe = (rows: readonly UnitsRow[]) =>
  rows.map((r) => `${r.function} ${r.readUnits} R / ${r.writeUnits} W per ${r.per}`).join('; ') || 'no DynamoDB calls';

export interface HttpRequest {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  /** When the request arrives (default: now). */
  readonly at?: Date;
}

/** The API Gateway event of a request to an HTTP function after its authorizer allowed `caller`. */
export function authorizedHttpEvent(name: FunctionName, caller: Person | undefined, request: HttpRequest) {
  const route = routeOf(name);
  const at = request.at ?? new Date();
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: route.path,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: { 'content-type': 'application/json' },
    queryStringParameters: request.query && Object.keys(request.query).length ? request.query : undefined,
    pathParameters: request.params,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: '127.0.0.1',
      domainPrefix: 'local',
      http: { method: route.method, path: route.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: at.toUTCString(),
      timeEpoch: at.getTime(),
      ...(caller
        ? {
            authorizer: {
              lambda: {
                authenticated: true,
                sub: caller.userId,
                email: caller.email,
                role: caller.role,
                exp: Math.floor(at.getTime() / 1000) + 3600,
              },
            },
          }
        : {}),
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    isBase64Encoded: false,
  };
}

/**
 * Invokes an HTTP function as the local runtime does after its authorizer allowed `caller`: the same event
 * shape, through `invoke` (permissions, timeout). Returns the parsed body; throws on a non-2xx answer.
 */
async function callHandler(name: FunctionName, caller: Person | undefined, request: HttpRequest): Promise<unknown> {
  const definition = functionNamed(name);
  const event = authorizedHttpEvent(name, caller, request);
  const result = (await invoke(definition, await loadHandler(definition), event)) as {
    statusCode: number;
    body?: string;
  };
  if (result.statusCode < 200 || result.statusCode > 299) {
    throw new Error(`${name} answered ${result.statusCode}: ${result.body ?? ''}`);
  }
  return result.body ? JSON.parse(result.body) : undefined;
}
