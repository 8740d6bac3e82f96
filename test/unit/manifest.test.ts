import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functions, routeOf } from '../../src/manifest';

describe('the function manifest', () => {
  it('names each function once', () => {
    const names = functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('lists an existing entry module that exports a handler for every function', async () => {
    for (const fn of functions) {
      expect(existsSync(fn.entry), fn.entry).toBe(true);
      const module = (await import(/* @vite-ignore */ pathToFileURL(resolve(fn.entry)).href)) as { handler?: unknown };
      expect(typeof module.handler, fn.entry).toBe('function');
    }
  });

  it('has exactly one authorizer and no two functions on the same method and path', () => {
    expect(functions.filter((f) => f.trigger.kind === 'authorizer')).toHaveLength(1);
    const keys = functions.flatMap((f) =>
      f.trigger.kind === 'http' ? [`${f.trigger.route.method} ${f.trigger.route.path}`] : [],
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('looks routes up by function name and refuses a non-HTTP function', () => {
    expect(routeOf('me-get')).toEqual({ method: 'GET', path: '/me', access: 'signed-in' });
    expect(() => routeOf('mailer')).toThrow(/not an HTTP function/);
  });
});
