import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../../local/processes';
import { uniqueEmail } from '../support/api';

/** Runs `npm run smoke -- …` as a person would (the same script, through tsx), and collects what it printed. */
function runSmoke(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/smoke.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output })),
  );
}

describe('npm run smoke', () => {
  it('passes against the local stack: sign-ups, a performance posted, found, auditioned for and deleted', async () => {
    const { code, output } = await runSmoke([inject('apiUrl')]);
    expect(output).toContain('✔ posted the performance');
    expect(output).toContain('✔ found it by searching');
    expect(output).toContain('✔ signed the performer up for its audition');
    expect(output).toContain('✔ deleted the performance');
    expect(output).toMatch(/Smoke test passed/);
    expect(code, output).toBe(0);
  });

  it('uses the accounts it is given: signs them up the first time, and only logs them in the next', async () => {
    const accounts = {
      SMOKE_DIRECTOR_EMAIL: uniqueEmail('smoke-director'),
      SMOKE_DIRECTOR_PASSWORD: 'smoke-director-password',
      SMOKE_PERFORMER_EMAIL: uniqueEmail('smoke-performer'),
      SMOKE_PERFORMER_PASSWORD: 'smoke-performer-password',
    };
    const first = await runSmoke([inject('apiUrl')], accounts);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain(`✔ signed up the director ${accounts.SMOKE_DIRECTOR_EMAIL}`);
    const second = await runSmoke([inject('apiUrl')], accounts);
    expect(second.code, second.output).toBe(0);
    expect(second.output).not.toContain('✔ signed up');
    expect(second.output).toContain(`✔ logged in the performer ${accounts.SMOKE_PERFORMER_EMAIL}`);
  });

  it('refuses an email without its password, exiting 2 with the usage', async () => {
    const { code, output } = await runSmoke([inject('apiUrl'), '--director-email', 'someone@example.com']);
    expect(code).toBe(2);
    expect(output).toContain("✘ Give both the director's email and password.");
    expect(output).toContain('Usage: npm run smoke -- <api-url>');
  });

  it('fails clearly, exiting non-zero, when nothing answers at the URL', async () => {
    const { code, output } = await runSmoke([`http://127.0.0.1:${await freePort()}`]);
    expect(code).toBe(1);
    expect(output).toMatch(/✘ Reading the API description|✘ GET \/openapi\.json: the API at .* did not answer/);
  });
});
