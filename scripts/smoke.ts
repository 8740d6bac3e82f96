/**
 * A smoke test of a running API, deployed or local: `npm run smoke -- <api-url> [options]`.
 *
 * It gets a director and a performer (signs them up and confirms them, or logs in the accounts it is given), posts
 * a performance, finds it by search, signs the performer up for its audition, and deletes the performance again.
 * Each step prints a line; the first failure stops it with a message saying what failed, and exits 1 (2 for bad
 * usage, 3 when an account waits for its emailed code).
 *
 * Accounts. Against the local stack (`npm start`, or the one the integration tests start) it signs up two new
 * accounts and reads their codes from the local runtime. A deployed API cannot tell the codes, and its emails go
 * to real addresses (SES's sandbox even refuses unverified ones), so there it needs accounts you control:
 *   --director-email / SMOKE_DIRECTOR_EMAIL, --director-password / SMOKE_DIRECTOR_PASSWORD, and the same for
 *   --performer-…, of confirmed accounts (the usual way: create them once and keep them for smoke runs);
 *   or of new addresses: the first run signs them up and stops (exit 3) asking for the codes Cognito emailed;
 *   the next one, given them (--director-code / SMOKE_DIRECTOR_CODE, --performer-code / SMOKE_PERFORMER_CODE),
 *   confirms the accounts and carries on.
 *
 * @example npm run smoke -- http://127.0.0.1:3000
 * @example SMOKE_DIRECTOR_EMAIL=… SMOKE_DIRECTOR_PASSWORD=… SMOKE_PERFORMER_EMAIL=… SMOKE_PERFORMER_PASSWORD=… \
 *   npm run smoke -- https://abc123.execute-api.eu-west-1.amazonaws.com/
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';

type Role = 'director' | 'performer';

interface Account {
  readonly email: string;
  readonly password: string;
  /** The code Cognito emailed, when the account is still to be confirmed. */
  readonly code?: string;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/** A failed step: what was being done, and what the API answered. */
class SmokeFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const usage = `Usage: npm run smoke -- <api-url> [options]

Options (each also read from the environment variable in brackets):
  --director-email <email>      [SMOKE_DIRECTOR_EMAIL]      an account to use as the director
  --director-password <pw>      [SMOKE_DIRECTOR_PASSWORD]
  --director-code <digits>      [SMOKE_DIRECTOR_CODE]       its emailed confirmation code, if not confirmed yet
  --performer-email <email>     [SMOKE_PERFORMER_EMAIL]     the same for the performer
  --performer-password <pw>     [SMOKE_PERFORMER_PASSWORD]
  --performer-code <digits>     [SMOKE_PERFORMER_CODE]
  --timeout <seconds>           how long to wait for the search index (default 60)

Without accounts it signs up new ones, which works against the local stack only (it reads their codes there).`;

function problemText(answer: Answer): string {
  const body = answer.body as { code?: string; detail?: string; message?: string } | string | undefined;
  if (body && typeof body === 'object') {
    const text = [body.code, body.detail ?? body.message].filter(Boolean).join(': ');
    if (text) return `${answer.status} ${text}`;
  }
  return `${answer.status} ${typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body)}`;
}

/** The smoke run against one API. */
class Smoke {
  constructor(
    private readonly apiUrl: string,
    private readonly log: (line: string) => void,
  ) {}

  async call(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(new URL(path.replace(/^\//, ''), this.apiUrl), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new SmokeFailure(`${method} ${path}: the API at ${this.apiUrl} did not answer (${cause}).`);
    }
    const text = await response.text();
    let body: unknown = text;
    if (/json/.test(response.headers.get('content-type') ?? '') && text) body = JSON.parse(text);
    return { status: response.status, body, headers: response.headers };
  }

  /** Calls the API and fails the step unless it answers `expected`. */
  async expect<T>(
    step: string,
    expected: number,
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<T> {
    const answer = await this.call(method, path, options);
    if (answer.status !== expected) {
      throw new SmokeFailure(`${step}: ${method} ${path} answered ${problemText(answer)} (expected ${expected}).`);
    }
    return answer.body as T;
  }

  step(line: string): void {
    this.log(`✔ ${line}`);
  }

  /** The code the local runtime knows for an address; undefined when this API is not the local one. */
  async localCode(email: string): Promise<string | undefined> {
    const answer = await this.call('GET', `/__local/confirmation-code?email=${encodeURIComponent(email)}`);
    return answer.status === 200 ? (answer.body as { code: string }).code : undefined;
  }

  /** Signs the account in, signing it up and confirming it first when it has to be; returns its ID token. */
  async signedIn(role: Role, account: Account, fresh: boolean): Promise<string> {
    const logIn = () =>
      this.call('POST', '/auth/login', { body: { email: account.email, password: account.password } });
    let login = fresh ? undefined : await logIn();
    const code = (login?.body as { code?: string } | undefined)?.code;
    if (!login || code === 'invalid-credentials') {
      const details = { role, name: `Smoke ${role}`, phone: '+14155550123', timeZone: 'Europe/London' };
      await this.expect(`Signing up the ${role}`, 201, 'POST', '/auth/signup', {
        body: { email: account.email, password: account.password, ...details },
      });
      this.step(`signed up the ${role} ${account.email}`);
    }
    if (!login || code === 'invalid-credentials' || code === 'user-not-confirmed') {
      const emailed = account.code ?? (await this.localCode(account.email));
      if (!emailed) {
        throw new SmokeFailure(
          `The ${role} ${account.email} waits for the code Cognito emailed: run again with --${role}-code <code> ` +
            `(or SMOKE_${role.toUpperCase()}_CODE). If that account was confirmed already, its password is wrong.`,
          3,
        );
      }
      await this.expect(`Confirming the ${role}`, 204, 'POST', '/auth/confirm', {
        body: { email: account.email, code: emailed },
      });
      this.step(`confirmed the ${role}`);
      login = await logIn();
    }
    if (login.status !== 200) throw new SmokeFailure(`Logging in the ${role} ${account.email}: ${problemText(login)}.`);
    const token = (login.body as { idToken: string }).idToken;
    const me = await this.expect<{ role: string }>(`Reading the ${role}'s profile`, 200, 'GET', '/me', { token });
    if (me.role !== role) throw new SmokeFailure(`${account.email} is a ${me.role}, not a ${role}.`);
    this.step(`logged in the ${role} ${account.email}`);
    return token;
  }
}

/** A small performance with one slot a week ahead; the title carries a word of its own to search for. */
function performanceBody(word: string, contact: { email: string }) {
  const zone = 'Europe/London';
  const at = (days: number, time: string) =>
    `${DateTime.now().setZone(zone).plus({ days }).toFormat('yyyy-LL-dd')}T${time}`;
  const person = { name: 'Smoke Director', email: contact.email, phone: '+442071838750' };
  return {
    title: `Smoke test ${word}`,
    description: 'Posted by the smoke test, and deleted by it a moment later.',
    kind: 'live',
    director: person,
    castingDirector: person,
    venue: { name: 'Smoke Hall', address: '1 Test Street', city: 'London', country: 'GB', timeZone: zone },
    dates: [at(30, '19:30')],
    characters: [{ name: 'Lead' }],
    slots: [{ start: at(7, '10:00'), durationMinutes: 30, capacity: 2 }],
  };
}

interface Created {
  readonly performanceId: string;
  readonly slots: readonly { slotId: string }[];
  readonly characters: readonly { characterId: string }[];
}

/**
 * Runs the smoke test. Resolves when every step passed; rejects with a SmokeFailure naming the first that did not.
 * The performance it posted is deleted either way.
 */
export async function smoke(
  apiUrl: string,
  accounts: Partial<Record<Role, Account>>,
  options: { log?: (line: string) => void; searchTimeoutSeconds?: number } = {},
): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const run = new Smoke(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`, log);
  const freshAccount = (role: Role): Account => ({
    email: `smoke-${role}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@example.com`,
    password: `Smoke-${randomBytes(12).toString('base64url')}`,
  });
  await run.expect('Reading the API description', 200, 'GET', '/openapi.json');
  run.step(`the API answers at ${apiUrl}`);
  const director = accounts.director ?? freshAccount('director');
  const performer = accounts.performer ?? freshAccount('performer');
  const directorToken = await run.signedIn('director', director, !accounts.director);
  const performerToken = await run.signedIn('performer', performer, !accounts.performer);

  const word = `smoke${randomBytes(5).toString('hex')}`;
  const created = await run.expect<Created>('Posting a performance', 201, 'POST', '/performances', {
    token: directorToken,
    body: performanceBody(word, director),
  });
  const path = `/performances/${created.performanceId}`;
  run.step(`posted the performance ${created.performanceId}`);
  let failure: unknown;
  try {
    const deadline = Date.now() + (options.searchTimeoutSeconds ?? 60) * 1000;
    for (;;) {
      const page = await run.expect<{ results: { performanceId: string }[] }>(
        'Searching for the performance',
        200,
        'GET',
        `/performances?q=${word}`,
        { token: performerToken },
      );
      if (page.results.some((r) => r.performanceId === created.performanceId)) break;
      if (Date.now() > deadline) {
        throw new SmokeFailure(`Searching for "${word}" did not find the new performance in time (the search index).`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    run.step(`found it by searching for "${word}"`);
    const slotId = created.slots[0]?.slotId;
    const characterId = created.characters[0]?.characterId;
    await run.expect('Signing up for the audition', 201, 'POST', `${path}/signup`, {
      token: performerToken,
      body: { slotId, characterIds: [characterId] },
    });
    const mine = await run.expect<{ signUps: { performanceId: string }[] }>(
      "Reading the performer's auditions",
      200,
      'GET',
      '/me/signups',
      { token: performerToken },
    );
    if (!mine.signUps.some((s) => s.performanceId === created.performanceId)) {
      throw new SmokeFailure("The performer's auditions do not list the sign-up just made.");
    }
    run.step('signed the performer up for its audition');
  } catch (error) {
    failure = error;
  }
  try {
    await run.expect('Deleting the performance', 204, 'DELETE', path, { token: directorToken });
    run.step('deleted the performance');
  } catch (error) {
    failure ??= error;
  }
  if (failure) throw failure;
}

function accountFrom(values: Record<string, string | boolean | undefined>, role: Role): Account | undefined {
  const option = (name: string) => {
    const given = values[`${role}-${name}`];
    return typeof given === 'string' ? given : process.env[`SMOKE_${role.toUpperCase()}_${name.toUpperCase()}`];
  };
  const email = option('email');
  const password = option('password');
  const code = option('code');
  if (!email && !password) return undefined;
  if (!email || !password) throw new SmokeFailure(`Give both the ${role}'s email and password.\n\n${usage}`, 2);
  return { email, password, ...(code ? { code } : {}) };
}

async function main(argv: readonly string[]): Promise<number> {
  const text = { type: 'string' } as const;
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'director-email': text,
      'director-password': text,
      'director-code': text,
      'performer-email': text,
      'performer-password': text,
      'performer-code': text,
      timeout: text,
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const [apiUrl] = positionals;
  if (!apiUrl || !/^https?:\/\//.test(apiUrl) || positionals.length > 1) {
    throw new SmokeFailure(`Give the API's URL (http:// or https://) and nothing else.\n\n${usage}`, 2);
  }
  const accounts = { director: accountFrom(values, 'director'), performer: accountFrom(values, 'performer') };
  const started = Date.now();
  await smoke(apiUrl, Object.fromEntries(Object.entries(accounts).filter(([, a]) => a)), {
    searchTimeoutSeconds: values.timeout ? Number(values.timeout) : undefined,
  });
  console.log(`Smoke test passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof SmokeFailure) {
        console.error(`✘ ${error.message}`);
        process.exit(error.exitCode);
      }
      console.error('✘ The smoke test failed unexpectedly:', error);
      process.exit(1);
    },
  );
}
