import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RouteHandler } from '../../../src/functions/http/handler';
import { functions } from '../../../src/manifest';
import type { Contract } from '../../../src/schemas/contracts';
import { contracts } from '../../../src/schemas/contracts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const httpFunctions = functions.filter((f) => f.trigger.kind === 'http');

// Each function imports its own request schemas (so its bundle carries no other route's); the OpenAPI document
// comes from the contracts. This holds the two to the same objects.
describe('every HTTP function validates with exactly the schemas of its contract', () => {
  it.each(httpFunctions.map((f) => [f.name, f.entry] as const))('%s', async (name, entry) => {
    const { handler } = (await import(pathToFileURL(resolve(repoRoot, entry)).href)) as { handler: RouteHandler };
    const contract: Contract = contracts[name as keyof typeof contracts];
    expect(contract, `${name} has a contract`).toBeDefined();
    for (const part of ['body', 'query', 'params'] as const) {
      expect(handler.requestSchemas[part], `${name} ${part}`).toBe(contract[part]);
    }
  });
});
