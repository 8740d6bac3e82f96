import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as domainErrors from '../../src/domain/errors';
import * as httpErrors from '../../src/functions/http/errors';
import type { ErrorCode } from '../../src/functions/http/problem';
import { problemTypes } from '../../src/functions/http/problem';
import { functions } from '../../src/manifest';

const root = join(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** The code of a file without its comments, so a key documented in prose does not count as spelled. */
function code(file: string): string {
  return readFileSync(join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const importsOf = (file: string) => [...code(file).matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);

/** A string that spells a key of the table: a `PREFIX#` or one of the fixed sort keys. */
const spelledKey =
  /['"`](?:[^'"`\n]*[^A-Za-z])?(?:PERF|USER|OUTBOX|EMAIL|SEARCH|OWNER|PERFORMER|REGISTRATION|SIGNUP|COUNT|REMINDER)#|['"`](?:META|PROFILE|PENDING|SENT|OUTBOX|REMINDER)['"`]/;

describe('the layers', () => {
  it('spells every key of the table in keys.ts only', () => {
    const spelled = [...filesUnder('src'), ...filesUnder('bench'), ...filesUnder('local')].filter(
      (file) => file !== 'src/adapters/dynamodb/keys.ts' && spelledKey.test(code(file)),
    );
    expect(spelled).toEqual([]);
  });

  it('keeps the domain free of schemas, adapters and handlers', () => {
    const outward = filesUnder('src/domain').flatMap((file) =>
      importsOf(file)
        .filter((from) => /\/(schemas|adapters|functions)\/|\/(config|manifest|openapi)$/.test(from))
        .map((from) => `${file} → ${from}`),
    );
    expect(outward).toEqual([]);
  });

  it('keeps the adapters free of handlers, the manifest and the runtimes', () => {
    const outward = filesUnder('src/adapters').flatMap((file) =>
      importsOf(file)
        .filter((from) => /\/(functions|local|infra)\/|\/(manifest|openapi)$/.test(from))
        .map((from) => `${file} → ${from}`),
    );
    expect(outward).toEqual([]);
  });

  it('gives each handler its stores from stores.ts only', () => {
    const building = filesUnder('src/functions').filter(
      (file) => file !== 'src/functions/stores.ts' && /\bdynamo\w*(Store|Index)\(/.test(code(file)),
    );
    expect(building).toEqual([]);
  });

  it('takes zone conversion from its own module, not from the reminder rule', () => {
    expect(importsOf('src/domain/performance.ts')).not.toContain('./reminder');
  });

  it('keeps HTTP transport errors at the HTTP edge, still in the problem table', () => {
    const transport = [
      'MalformedJsonError',
      'UnsupportedMediaTypeError',
      'PayloadTooLargeError',
      'NestingTooDeepError',
    ];
    expect(Object.keys(domainErrors).filter((name) => transport.includes(name))).toEqual([]);
    for (const name of transport) {
      const ErrorClass = (httpErrors as Record<string, new (message: string) => domainErrors.DomainError<ErrorCode>>)[
        name
      ];
      expect(ErrorClass, name).toBeDefined();
      const error = new ErrorClass!('x');
      expect(error).toBeInstanceOf(domainErrors.DomainError);
      expect(problemTypes[error.code].status).toBeGreaterThanOrEqual(400);
    }
  });
});

/** Every Lambda entry: each file directly in src/functions that exports a `handler`. */
const thinHandlers = readdirSync(join(root, 'src/functions'), { withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
  .map((entry) => `src/functions/${entry.name}`)
  .filter((file) => /export (const|async function|function) handler\b/.test(code(file)));

describe('the handlers', () => {
  it('are every function of the manifest', () => {
    expect([...thinHandlers].sort()).toEqual(functions.map((f) => f.entry).sort());
  });

  it.each(thinHandlers)('%s is thin: no DynamoDB expression, key, transaction or table name', (file) => {
    const text = code(file);
    expect(text).not.toMatch(/Expression|ConditionCheck|gsi\dsk|gsi\dpk|\bpk\b|\bsk\b/);
    expect(text).not.toMatch(/tableName/);
    expect(importsOf(file).filter((from) => /dynamodb\/(keys|transactions|document-client)$/.test(from))).toEqual([]);
  });

  it.each(thinHandlers)('%s has at most about 40 lines of code', (file) => {
    const lines = code(file)
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines.length).toBeLessThanOrEqual(42);
  });
});
