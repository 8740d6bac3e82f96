import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/processes';

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
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'local/start.ts'], {
    env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!/Press Ctrl-C to stop/.test(output)) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const apiUrl = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  return { child, apiUrl, output: () => output };
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
    const email = 'restart@example.com';
    const signUp = await fetch(`${first.apiUrl}/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email,
        password: 'a-long-password',
        role: 'performer',
        name: 'Re Start',
        phone: '+14155550123',
        timeZone: 'UTC',
      }),
    });
    expect(signUp.status).toBe(201);
    expect(await interrupt(first.child)).toBe(0);
    expect(leftovers(dataDir, portList)).toEqual([]);
    expect(await listening(portList)).toEqual([]);

    // The second start finds the table, queues and user pool already there, and the account still in them.
    const second = await start(env);
    const code = (await (await fetch(`${second.apiUrl}/__local/confirmation-code?email=${email}`)).json()) as {
      code: string;
    };
    const confirm = await fetch(`${second.apiUrl}/auth/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, code: code.code }),
    });
    expect(confirm.status).toBe(204);
    const login = await fetch(`${second.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a-long-password' }),
    });
    expect(login.status).toBe(200);
    expect(await interrupt(second.child)).toBe(0);
    expect(leftovers(dataDir, portList)).toEqual([]);
    expect(await listening(portList)).toEqual([]);
  }, 180_000);
});
