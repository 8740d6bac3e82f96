import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/processes';
import { performanceBody } from '../support/fixtures';
import { decodePayload } from '../support/jwt';

/** Processes (other than the test runner) whose command line mentions the data folder or one of the ports. */
function leftovers(dataDir: string, ports: number[]): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(
      (line) => line.includes(dataDir) || ports.some((p) => line.includes(`-port ${p}`) || line.includes(`PORT=${p}`)),
    );
}

/** The ports among these that something still listens on. */
async function listening(ports: number[]): Promise<number[]> {
  const open = await Promise.all(
    ports.map(
      (port) =>
        new Promise<boolean>((resolve) => {
          const socket = connect(port, '127.0.0.1');
          socket.once('connect', () => (socket.destroy(), resolve(true)));
          socket.once('error', () => resolve(false));
        }),
    ),
  );
  return ports.filter((_, i) => open[i]);
}

async function start(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; apiUrl: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Only a guard against a start that hangs: on a busy 2-core machine the first start (web build included) is slow.
  const deadline = Date.now() + 240_000;
  while (!/Press Ctrl-C to stop/.test(output)) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const apiUrl = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  return { child, apiUrl, output: () => output };
}

/** Calls the API of a started system; the body parsed as JSON when there is one. */
async function call(apiUrl: string, method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${apiUrl}${path}`, { method, headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

const password = 'a-long-password';

/** Signs up and confirms with the code cognito-local recorded. */
async function registered(apiUrl: string, email: string, role: 'performer' | 'director') {
  const signUp = await call(apiUrl, 'POST', '/auth/signup', {
    email,
    password,
    role,
    name: `Re Start ${role}`,
    phone: '+14155550123',
    timeZone: 'UTC',
  });
  expect(signUp.status).toBe(201);
  const code = await call(apiUrl, 'GET', `/__local/confirmation-code?email=${email}`);
  expect((await call(apiUrl, 'POST', '/auth/confirm', { email, code: code.body.code })).status).toBe(204);
}

async function logIn(apiUrl: string, email: string): Promise<string> {
  const login = await call(apiUrl, 'POST', '/auth/login', { email, password });
  expect(login.status).toBe(200);
  return String(login.body.idToken);
}

async function interrupt(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'audition-me-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the API, keeps its data across a restart, and leaves no process behind on Ctrl-C', async () => {
    const ports = {
      API_PORT: await freePort(),
      DYNAMODB_PORT: await freePort(),
      SQS_PORT: await freePort(),
      COGNITO_PORT: await freePort(),
      SES_PORT: await freePort(),
      WEB_PORT: await freePort(),
    };
    const env = {
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      AUDITION_ME_DATA_DIR: dataDir,
      AUDITION_ME_SEED: 'false',
    };
    const portList = Object.values(ports);

    const first = await start(env);
    expect(first.output()).toContain(`http://127.0.0.1:${ports.SES_PORT}`);
    const performer = 'restart-performer@example.com';
    const director = 'restart-director@example.com';
    const late = 'restart-late@example.com';
    await registered(first.apiUrl, performer, 'performer');
    await registered(first.apiUrl, director, 'director');
    const lateSignUp = await call(first.apiUrl, 'POST', '/auth/signup', {
      email: late,
      password,
      role: 'performer',
      name: 'Re Start',
      phone: '+14155550123',
      timeZone: 'UTC',
    });
    expect(lateSignUp.status).toBe(201);
    expect(await interrupt(first.child)).toBe(0);
    expect(leftovers(dataDir, portList)).toEqual([]);
    expect(await listening(portList)).toEqual([]);

    // The second start finds the table, queues and user pool already there, and the accounts still in them:
    // with their roles, so they can act at once.
    const second = await start(env);
    const code = await call(second.apiUrl, 'GET', `/__local/confirmation-code?email=${late}`);
    expect((await call(second.apiUrl, 'POST', '/auth/confirm', { email: late, code: code.body.code })).status).toBe(
      204,
    );
    expect(decodePayload(await logIn(second.apiUrl, late))['cognito:groups']).toEqual(['performer']);

    const directorToken = await logIn(second.apiUrl, director);
    expect(decodePayload(directorToken)['cognito:groups']).toEqual(['director']);
    const created = await call(second.apiUrl, 'POST', '/performances', performanceBody(), directorToken);
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const performerToken = await logIn(second.apiUrl, performer);
    expect(decodePayload(performerToken)['cognito:groups']).toEqual(['performer']);
    const me = await call(second.apiUrl, 'GET', '/me', undefined, performerToken);
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    expect(me.body).toMatchObject({ email: performer, role: 'performer' });
    const read = await call(
      second.apiUrl,
      'GET',
      `/performances/${String(created.body.performanceId)}`,
      undefined,
      performerToken,
    );
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(await interrupt(second.child)).toBe(0);
    expect(leftovers(dataDir, portList)).toEqual([]);
    expect(await listening(portList)).toEqual([]);
  }, 600_000);
});
