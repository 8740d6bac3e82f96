import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParameters } from '../../../infra/parameters';
import { repoRoot } from '../../../infra/repo-root';
import { functions } from '../../../src/manifest';

const read = (path: string) => readFileSync(resolve(repoRoot, path), 'utf8');
const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const guides = ['docs/deploy.md', 'docs/operations.md'];

describe('the deployment scripts', () => {
  it('deploy builds the web UI first, so one command deploys the UI with the rest', () => {
    expect(scripts.deploy).toMatch(/^npm run build:web && .*\bcdk deploy\b/);
    expect(scripts['build:web']).toBeDefined();
  });

  it('synth and destroy are the CDK commands, without building anything', () => {
    expect(scripts.synth).toMatch(/\bcdk synth\b/);
    expect(scripts.destroy).toMatch(/^[^&]*\bcdk destroy\b/);
  });
});

describe('the guides', () => {
  it.each(guides)('%s runs only npm scripts that package.json has', (guide) => {
    const named = [...read(guide).matchAll(/npm run ([\w:-]+)/g)].map(([, name]) => name!);
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(scripts[name], `${guide}: npm run ${name}`).toBeDefined();
  });

  it('deploy.md states the number of functions the manifest has', () => {
    const stated = [...read('docs/deploy.md').matchAll(/(\d+) Lambda functions/g)].map(([, n]) => Number(n));
    expect(stated.length).toBeGreaterThan(0);
    for (const n of stated) expect(n).toBe(functions.length);
  });

  it.each(guides)('%s passes only context parameters the app reads', (guide) => {
    const known = new Set(Object.keys(defaultParameters));
    // `-c name=value` is how the guide explains the syntax itself.
    const passed = [...read(guide).matchAll(/-c ([A-Za-z]+)=/g)].map(([, name]) => name!);
    for (const name of passed.filter((n) => n !== 'name')) {
      expect(known.has(name), `${guide}: -c ${name}`).toBe(true);
    }
  });

  it('deploy.md’s parameter table lists every parameter the app reads, and only those', () => {
    const guide = read('docs/deploy.md');
    const table = guide.slice(
      guide.indexOf('### Parameters'),
      guide.indexOf('\n### ', guide.indexOf('### Parameters')),
    );
    const rows = [...table.matchAll(/^\| `([A-Za-z]+)` +\|/gm)].map(([, name]) => name!);
    const known = Object.keys(defaultParameters);
    expect([...rows].sort()).toEqual(expect.arrayContaining([...known].sort()));
    for (const name of rows) expect(known, `docs/deploy.md: parameter ${name}`).toContain(name);
  });

  it('deploy.md ends the deployment with a smoke test of the API', () => {
    expect(read('docs/deploy.md')).toMatch(/^npm run smoke -- "\$API"/m);
  });

  it.each(guides)('%s gives npm run smoke only the options and variables scripts/smoke.ts reads', (guide) => {
    const smoke = read('scripts/smoke.ts');
    const text = read(guide);
    const lines = text.split('\n').filter((line) => line.includes('npm run smoke'));
    const options = lines.flatMap((line) => [...line.matchAll(/\s(--[a-z][a-z-]+)/g)].map(([, o]) => o!));
    // Each option is a key of the script's parseArgs options, quoted or not (`'director-email': text`, `help: …`).
    const parsed = (option: string) => new RegExp(`^\\s+'?${option.slice(2)}'?: `, 'm').test(smoke);
    for (const option of options) expect(parsed(option), `${guide}: npm run smoke ${option}`).toBe(true);
    const variables = [...text.matchAll(/\bSMOKE_[A-Z_]+/g)].map(([v]) => v);
    for (const variable of variables) expect(smoke, `${guide}: ${variable}`).toContain(`[${variable}]`);
  });
});
