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
});
