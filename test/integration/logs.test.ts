import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/processes';
import { plannedReminder } from '../../src/domain/reminder';
import { performanceBody } from '../support/fixtures';

/**
 * The functions' logs as Lambda would ship them to CloudWatch: the stdout of a system of its own (`npm start`
 * with logging on), so this file can read every line its journey caused.
 */
async function startLogging(dataDir: string) {
  const env = {
    API_PORT: String(await freePort()),
    DYNAMODB_PORT: String(await freePort()),
    SQS_PORT: String(await freePort()),
    COGNITO_PORT: String(await freePort()),
    SES_PORT: String(await freePort()),
    WEB_PORT: String(await freePort()),
    AUDITION_ME_DATA_DIR: dataDir,
    AUDITION_ME_SEED: 'false',
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  while (!/Press Ctrl-C to stop/.test(output)) {
    if (child.exitCode !== null) throw new Error(`the system exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the system did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const apiUrl = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  const sesUrl = `http://127.0.0.1:${env.SES_PORT}`;
  return { child, apiUrl, sesUrl, output: () => output };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

describe('the logs of a whole journey', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'audition-me-logs-'));
  let system: Awaited<ReturnType<typeof startLogging>> | undefined;
  afterAll(async () => {
    if (system) await stop(system.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hold no email address, phone number or access needs, and every line names its Lambda request', async () => {
    system = await startLogging(dataDir);
    const { apiUrl, sesUrl } = system;
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
    };
    const user = async (role: string, email: string, phone: string) => {
      const signUp = { email, password: 'correct-horse-battery', role, name: 'Lee Private', phone, timeZone: 'UTC' };
      expect((await call('POST', '/auth/signup', signUp)).status).toBe(201);
      // Signing up twice, and a wrong password: errors that name the address inside the services.
      expect((await call('POST', '/auth/signup', signUp)).status).toBeLessThan(500);
      const { body: code } = await call('GET', `/__local/confirmation-code?email=${encodeURIComponent(email)}`);
      expect((await call('POST', '/auth/confirm', { email, code: code.code })).status).toBe(204);
      expect((await call('POST', '/auth/login', { email, password: 'wrong-password-here' })).status).toBe(401);
      const login = await call('POST', '/auth/login', { email, password: signUp.password });
      return { email, token: String(login.body.idToken) };
    };
    const secrets = {
      directorEmail: 'dana.private.director@example.org',
      directorPhone: '+14155550142',
      performerEmail: 'pat.private.performer@example.org',
      performerPhone: '+442079460321',
      otherEmail: 'sam.private.performer@example.org',
      otherPhone: '+61255501234',
      accessNeeds: 'Wheelchair user: step-free entrance and a quiet room before the audition',
    };
    const director = await user('director', secrets.directorEmail, secrets.directorPhone);
    const performer = await user('performer', secrets.performerEmail, secrets.performerPhone);
    const other = await user('performer', secrets.otherEmail, secrets.otherPhone);

    const slotStart = '2031-05-20T10:00';
    const body = performanceBody({ slots: [{ start: slotStart, durationMinutes: 30, capacity: 5 }] });
    const created = await call('POST', '/performances', body, director.token);
    expect(created.status).toBe(201);
    const performanceId = String(created.body.performanceId);
    const slotId = (created.body.slots as { slotId: string }[])[0]?.slotId;
    const characterId = (created.body.characters as { characterId: string }[])[0]?.characterId;
    for (const p of [performer, other]) {
      const signUp = { slotId, characterIds: [characterId], accessNeeds: secrets.accessNeeds };
      expect((await call('POST', `/performances/${performanceId}/signup`, signUp, p.token)).status).toBe(201);
    }
    expect((await call('GET', `/performances/${performanceId}/signups`, undefined, director.token)).status).toBe(200);
    expect((await call('GET', '/me', undefined, 'not-a-token')).status).toBe(401);
    // The evening-before reminder goes to both performers in one message.
    const reminderAt = plannedReminder({
      slotStart,
      venueTimeZone: 'Europe/London',
      performerTimeZone: 'UTC',
      signedUpAt: new Date(),
    });
    const dispatched = await call('POST', '/__local/schedules/reminder-dispatcher', {
      time: reminderAt?.toISOString(),
    });
    expect(dispatched.body).toMatchObject({ sent: 1, recipients: 2 });
    expect((await call('DELETE', `/performances/${performanceId}/signup`, undefined, other.token)).status).toBe(200);
    expect((await call('DELETE', `/performances/${performanceId}`, undefined, director.token)).status).toBe(204);

    // Sign-up received 2 × 2, confirmations 2, reminders 2, the withdrawal 1, the cancellation 1.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { emails } = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: unknown[] };
      if (emails.length >= 10) break;
      if (Date.now() > deadline) throw new Error(`only ${emails.length} emails were sent`);
      await new Promise((r) => setTimeout(r, 500));
    }

    const lines = system
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"service":"audition-me"'));
    // Locally every function shares one process and one logger, so a line may name another invocation's
    // request; in Lambda each invocation has its process to itself. Every line must name one.
    const messages = new Set(lines.map((line) => (JSON.parse(line) as { message?: string }).message));
    expect([...messages]).toEqual(
      expect.arrayContaining(['reminders dispatched', 'outbox relayed', 'email delivered', 'token refused']),
    );
    expect(lines.filter((line) => !(JSON.parse(line) as { function_request_id?: string }).function_request_id)).toEqual(
      [],
    );
    for (const [what, secret] of Object.entries(secrets)) {
      // A phone number is found in any formatting: its digits with up to two other characters between them.
      const pattern = what.endsWith('Phone')
        ? new RegExp(secret.replace(/\D/g, '').split('').join('\\D{0,2}'))
        : new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
      expect(
        lines.filter((line) => pattern.test(line)),
        what,
      ).toEqual([]);
    }
  }, 240_000);
});
