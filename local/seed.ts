import type { Person, Stage } from './seed-world';
import { emailOf, people, plans } from './seed-world';

/**
 * Demo data: a small, believable world created through the API exactly as a client would create it (sign-up,
 * confirmation code, log-in, then the same HTTP calls the web UI makes). Nothing here touches the stand-ins
 * directly except the local-only `/__local/confirmation-code` endpoint, which stands in for reading the email.
 *
 * Seeding again is safe: an existing account is logged and reused (it accepts the demo password at log-in),
 * and a performance its director already has (same title) is left as it is instead of being created twice.
 *
 * @example const world = await seedDemoWorld('http://127.0.0.1:3000', console.log)
 */

/** The one password of every demo account. */
export const demoPassword = 'audition-me-demo';

export type Role = 'director' | 'performer';

export interface SeedOptions {
  /** The domain of every demo email address (default `example.com`): tests pass a unique one. */
  readonly emailDomain?: string;
  /** How long to wait for the table stream to follow up a change before going on with a warning (ms). */
  readonly settleTimeoutMs?: number;
  /** Log the accounts table at the end (default true). */
  readonly printAccounts?: boolean;
}

export interface DemoAccount {
  readonly handle: string;
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  readonly name: string;
  readonly timeZone: string;
  readonly userId: string;
  /** True when this run created the account, false when it existed and was reused. */
  readonly created: boolean;
}

export interface DemoPerformance {
  readonly performanceId: string;
  readonly title: string;
  readonly kind: 'live' | 'filmed';
  readonly city: string;
  readonly timeZone: string;
  readonly ownerEmail: string;
  /** True when this run created it, false when the director already had it. */
  readonly created: boolean;
}

export interface DemoWorld {
  readonly apiUrl: string;
  readonly password: string;
  readonly accounts: readonly DemoAccount[];
  readonly performances: readonly DemoPerformance[];
}

/** An unexpected answer from the API, with what it said. */
export class SeedError extends Error {
  override readonly name = 'SeedError';
  constructor(
    message: string,
    readonly status?: number,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
}

/** One HTTP call to the API; the body is parsed when it is JSON. */
async function request<T = Record<string, unknown>>(
  apiUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const send = () =>
    fetch(`${apiUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  let response = await send();
  // Over the table's provisioned throughput the API answers 503 with Retry-After: come back then, as a client would.
  for (let attempt = 1; response.status === 503 && attempt < 6; attempt++) {
    const wait = Number(response.headers.get('retry-after') ?? 1);
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
    response = await send();
  }
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '') && text ? (JSON.parse(text) as T) : undefined;
  return { status: response.status, body: (json ?? text) as T };
}

/** The call's body when it answered `expected`, else a SeedError naming what was being done. */
async function expectStatus<T>(doing: string, expected: number, call: Promise<ApiResponse<T>>): Promise<T> {
  const response = await call;
  if (response.status !== expected) {
    const detail = JSON.stringify(response.body)?.slice(0, 500);
    throw new SeedError(
      `${doing}: expected ${expected}, got ${response.status} ${detail}`,
      response.status,
      response.body,
    );
  }
  return response.body;
}

/**
 * The confirmation code cognito-local recorded for an address (locally the code is not emailed). It is written
 * as the sign-up completes; a short retry covers a read that races the write.
 */
export async function confirmationCode(apiUrl: string, email: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const response = await request<{ code?: string }>(
      apiUrl,
      'GET',
      `/__local/confirmation-code?email=${encodeURIComponent(email)}`,
    );
    if (response.status === 200 && response.body.code) return response.body.code;
    if (attempt >= 20) throw new SeedError(`No confirmation code for ${email}`, response.status, response.body);
    await sleep(100);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ─── The API's answers, as far as the seed reads them ───────────────────────────────────────────────────────

export interface PerformanceView {
  performanceId: string;
  version: number;
  title: string;
  description: string;
  kind: 'live' | 'filmed';
  director: { name: string; email: string; phone: string };
  castingDirector: { name: string; email: string; phone: string };
  venue: { name: string; address: string; city: string; country: string; timeZone: string };
  dates: { local: string }[];
  characters: {
    characterId: string;
    name: string;
    description: string;
    attributes: Record<string, unknown>;
    places: number;
  }[];
  slots: {
    slotId: string;
    start: string;
    startsAt: { utc: string; venue: string };
    durationMinutes: number;
    capacity: number;
    location: { name: string; address: string };
  }[];
  castingClosed: boolean;
}

interface SignUpView {
  performanceId: string;
  status: string;
  slot: { slotId: string; startsAt: { utc: string } };
}

/** The performance as a PUT body: the view as it is, with the ids of characters and slots kept. */
export function asUpdate(view: PerformanceView) {
  return {
    version: view.version,
    title: view.title,
    description: view.description,
    kind: view.kind,
    director: view.director,
    castingDirector: view.castingDirector,
    venue: view.venue,
    dates: view.dates.map((d) => d.local),
    characters: view.characters.map(({ characterId, name, description, attributes, places }) => ({
      characterId,
      name,
      description,
      attributes,
      places,
    })),
    slots: view.slots.map(({ slotId, start, durationMinutes, capacity, location }) => ({
      slotId,
      start,
      durationMinutes,
      capacity,
      location,
    })),
  };
}

// ─── Seeding ────────────────────────────────────────────────────────────────────────────────────────────────

interface Session extends DemoAccount {
  readonly token: string;
}

/**
 * Logs a person in, signing them up first when that fails. Sign-up answers alike for a new and a taken address,
 * so logging in is what tells an existing account (then reused) from a new one.
 */
async function account(apiUrl: string, person: Person, domain: string, log: (line: string) => void): Promise<Session> {
  const email = emailOf(person, domain);
  const label = `${email} (${person.role}, ${person.timeZone})`;
  const logIn = () =>
    request<{ idToken: string }>(apiUrl, 'POST', '/auth/login', { body: { email, password: demoPassword } });
  let login = await logIn();
  let created = false;
  if (login.status !== 200) {
    const signUp = request(apiUrl, 'POST', '/auth/signup', {
      body: {
        email,
        password: demoPassword,
        role: person.role,
        name: person.name,
        phone: person.phone,
        timeZone: person.timeZone,
      },
    });
    await expectStatus(`Signing up ${email}`, 201, signUp);
    // No code when the address belongs to a confirmed account (with another password): the log-in below says so.
    const code = await confirmationCode(apiUrl, email).catch(() => undefined);
    if (code) {
      const confirm = request(apiUrl, 'POST', '/auth/confirm', { body: { email, code } });
      await expectStatus(`Confirming ${email}`, 204, confirm);
      created = true;
    }
    login = await logIn();
  }
  if (login.status !== 200) {
    throw new SeedError(
      `${email} exists but does not accept the demo password (${login.status}); seed with another email domain`,
      login.status,
      login.body,
    );
  }
  const token = login.body.idToken;
  const me = await expectStatus(
    `Reading ${email}’s profile`,
    200,
    request<{ userId: string; role: Role }>(apiUrl, 'GET', '/me', { token }),
  );
  if (me.role !== person.role) throw new SeedError(`${email} exists as a ${me.role}, not a ${person.role}`);
  if (created && person.credits) {
    await expectStatus(
      `Adding ${email}’s credits`,
      200,
      request(apiUrl, 'PATCH', '/me', { token, body: { credits: person.credits } }),
    );
  }
  log(created ? `  account ${label}: created` : `  account ${label}: already there, logged in with the demo password`);
  return {
    handle: person.handle,
    email,
    password: demoPassword,
    role: person.role,
    name: person.name,
    timeZone: person.timeZone,
    userId: me.userId,
    created,
    token,
  };
}

/** Polls until `check` passes; false when it still does not after the timeout. */
async function settled(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(150);
  }
}

const describeSlot = (view: PerformanceView, slotId: string) => {
  const slot = view.slots.find((s) => s.slotId === slotId);
  return slot ? `${slot.start.replace('T', ' ')} ${view.venue.city} time` : slotId;
};

/**
 * Creates the demo world through the API at `apiUrl` and returns its accounts and performances; logs one line
 * per step, and the accounts table at the end. Safe to run again (see the top of this file).
 *
 * @example await seedDemoWorld(system.apiUrl, (line) => console.log(line))
 */
export async function seedDemoWorld(
  apiUrl: string,
  log: (line: string) => void = (line) => console.log(line),
  options: SeedOptions = {},
): Promise<DemoWorld> {
  const domain = options.emailDomain ?? 'example.com';
  const settleMs = options.settleTimeoutMs ?? 30_000;
  const base = apiUrl.replace(/\/+$/, '');
  const call = <T = Record<string, unknown>>(
    method: string,
    path: string,
    o: { token?: string; body?: unknown } = {},
  ) => request<T>(base, method, path, o);
  const started = Date.now();
  log(`Seeding demo data through ${base} (password for every account: ${demoPassword})`);

  const sessions = new Map<string, Session>();
  for (const person of people) sessions.set(person.handle, await account(base, person, domain, log));
  const session = (handle: string): Session => {
    const found = sessions.get(handle);
    if (!found) throw new Error(`No demo person ${handle}`);
    return found;
  };

  const performances: DemoPerformance[] = [];
  const owned = new Map<string, PerformanceView[]>();
  for (const plan of plans()) {
    const owner = session(plan.owner);
    if (!owned.has(owner.handle)) {
      const mine = await expectStatus(
        `Listing ${owner.email}’s performances`,
        200,
        call<{ performances: PerformanceView[] }>('GET', '/me/performances', { token: owner.token }),
      );
      owned.set(owner.handle, mine.performances);
    }
    const existing = owned.get(owner.handle)?.find((p) => p.title === plan.title);
    const summary = (view: PerformanceView, created: boolean): DemoPerformance => ({
      performanceId: view.performanceId,
      title: view.title,
      kind: view.kind,
      city: view.venue.city,
      timeZone: view.venue.timeZone,
      ownerEmail: owner.email,
      created,
    });
    if (existing) {
      log(`  performance “${plan.title}” (${existing.venue.city}): already there, left as it is`);
      performances.push(summary(existing, false));
      continue;
    }
    let view = await expectStatus(
      `Posting “${plan.title}”`,
      201,
      call<PerformanceView>('POST', '/performances', {
        token: owner.token,
        body: {
          title: plan.title,
          description: plan.description,
          kind: plan.kind,
          director: {
            name: owner.name,
            email: owner.email,
            phone: people.find((p) => p.handle === owner.handle)?.phone,
          },
          castingDirector: {
            name: plan.castingDirector.name,
            email: `${plan.castingDirector.handle}@${domain}`,
            phone: plan.castingDirector.phone,
          },
          venue: plan.venue,
          dates: plan.dates,
          characters: plan.characters,
          slots: plan.slots,
        },
      }),
    );
    const id = view.performanceId;
    log(
      `  performance “${plan.title}” (${plan.kind}, ${plan.venue.city}, ${plan.venue.timeZone}) posted by ${owner.name}`,
    );
    // Slots are stored in time order; the story names them by their place in the plan.
    const slotIds = plan.slots.map((s) => view.slots.find((v) => v.start === s.start)?.slotId ?? '');
    const characterId = (name: string) => {
      const found = view.characters.find((c) => c.name === name);
      if (!found) throw new Error(`“${plan.title}” has no character ${name}`);
      return found.characterId;
    };
    const signedUp = new Map<string, string>(); // performer handle → slotId, while signed up

    const stage: Stage = {
      async signUp(handle, slot, characters, accessNeeds) {
        const performer = session(handle);
        const slotId = slotIds[slot] ?? '';
        await expectStatus(
          `${performer.name} signing up for “${plan.title}”`,
          201,
          call('POST', `/performances/${id}/signup`, {
            token: performer.token,
            body: { slotId, characterIds: characters.map(characterId), ...(accessNeeds ? { accessNeeds } : {}) },
          }),
        );
        signedUp.set(handle, slotId);
        log(
          `    ${performer.name} signed up for the ${describeSlot(view, slotId)} audition as ${characters.join(' or ')}` +
            (accessNeeds ? ' (with an access-needs note)' : ''),
        );
      },
      async withdraw(handle) {
        const performer = session(handle);
        await expectStatus(
          `${performer.name} withdrawing from “${plan.title}”`,
          200,
          call('DELETE', `/performances/${id}/signup`, { token: performer.token }),
        );
        signedUp.delete(handle);
        log(`    ${performer.name} withdrew`);
      },
      async moveSlot(slot, start) {
        const slotId = slotIds[slot] ?? '';
        const body = asUpdate(view);
        body.slots = body.slots.map((s) => (s.slotId === slotId ? { ...s, start } : s));
        view = await expectStatus(
          `Moving a slot of “${plan.title}”`,
          200,
          call<PerformanceView>('PUT', `/performances/${id}`, { token: owner.token, body }),
        );
        log(`    ${owner.name} moved an audition to ${describeSlot(view, slotId)} (it has happened now)`);
        const utc = view.slots.find((s) => s.slotId === slotId)?.startsAt.utc;
        const waiting = [...signedUp].filter(([, s]) => s === slotId).map(([handle]) => session(handle));
        const ok = await settled(async () => {
          for (const performer of waiting) {
            const mine = await call<{ signUps: SignUpView[] }>('GET', '/me/signups', { token: performer.token });
            const record = mine.body.signUps?.find((s) => s.performanceId === id);
            if (record?.slot.startsAt.utc !== utc) return false;
          }
          return true;
        }, settleMs);
        if (!ok) log('    (the table stream has not moved every sign-up yet; it will catch up)');
      },
      async cast(handle, character) {
        const performer = session(handle);
        await expectStatus(
          `Casting ${performer.name} in “${plan.title}”`,
          200,
          call('POST', `/performances/${id}/castings`, {
            token: owner.token,
            body: { performerId: performer.userId, characterId: characterId(character) },
          }),
        );
        signedUp.delete(handle);
        log(`    ${owner.name} cast ${performer.name} as ${character}`);
      },
      async closeCasting() {
        await expectStatus(
          `Closing casting of “${plan.title}”`,
          202,
          call('POST', `/performances/${id}/close-casting`, { token: owner.token }),
        );
        const waiting = [...signedUp.keys()].map(session);
        log(
          `    ${owner.name} closed casting` +
            (waiting.length ? `: ${waiting.map((p) => p.name).join(', ')} not cast` : ''),
        );
        const ok = await settled(async () => {
          for (const performer of waiting) {
            const mine = await call<{ signUps: SignUpView[] }>('GET', '/me/signups', { token: performer.token });
            if (mine.body.signUps?.find((s) => s.performanceId === id)?.status !== 'not-cast') return false;
          }
          return true;
        }, settleMs);
        if (!ok) log('    (the table stream has not given every sign-up its final status yet; it will catch up)');
        signedUp.clear();
      },
    };
    await plan.story(stage);
    performances.push(summary(view, true));
  }

  const world: DemoWorld = {
    apiUrl: base,
    password: demoPassword,
    accounts: [...sessions.values()].map(({ token: _token, ...demo }) => demo),
    performances,
  };
  log(`Demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (options.printAccounts ?? true) for (const line of accountsTable(world).split('\n')) log(line);
  return world;
}

/** The demo accounts as a small text table (email, password, role, time zone). */
export function accountsTable(world: Pick<DemoWorld, 'accounts'>): string {
  const rows = [
    ['email', 'password', 'role', 'time zone'],
    ...world.accounts.map((a) => [a.email, a.password, a.role, a.timeZone]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const line = (row: string[]) =>
    `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('   ')}`.trimEnd();
  const [header = [], ...body] = rows;
  return ['Demo accounts:', line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
