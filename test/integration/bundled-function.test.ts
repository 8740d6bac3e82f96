import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ManifestFunction } from '../../infra/constructs/manifest-function';
import { functions } from '../../src/manifest';

// The local runtime runs the source; this file runs a function as it is deployed: bundled by the stack's own
// construct (NodejsFunction with FUNCTION_BUNDLING, alias included), imported by a bare `node` with nothing but
// the environment Lambda gives a function.

let workDir: string;
let bundle: string;

/** Bundles `me-get` exactly as the stack does, into a fresh cloud assembly; the path of its index.mjs. */
function bundleAsDeployed(outdir: string): string {
  const app = new App({ outdir });
  const definition = functions.find((f) => f.name === 'me-get');
  if (!definition) throw new Error('me-get is not in the manifest');
  new ManifestFunction(new Stack(app, 'BundleCheck'), 'MeGet', { definition, environment: {} });
  app.synth();
  const asset = readdirSync(outdir).find((name) => name.startsWith('asset.'));
  if (!asset) throw new Error('no asset was bundled');
  return join(outdir, asset, 'index.mjs');
}

interface Invocation {
  readonly statusCode?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** Calls the bundle's handler with a GET /me event in a fresh `node` process with exactly `env`. */
function invoke(env: Record<string, string>): Promise<Invocation> {
  const now = Date.now();
  const event = {
    version: '2.0',
    routeKey: 'GET /me',
    rawPath: '/me',
    rawQueryString: '',
    headers: {},
    requestContext: {
      requestId: randomUUID(),
      timeEpoch: now,
      http: { method: 'GET', path: '/me' },
      authorizer: {
        lambda: {
          authenticated: true,
          sub: randomUUID(),
          email: 'nobody@example.com',
          role: 'performer',
          exp: now / 1000 + 600,
        },
      },
    },
  };
  const script =
    `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});` +
    `const result = await handler(${JSON.stringify(event)});` +
    `process.stdout.write('\\nRESULT ' + JSON.stringify(result));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: workDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('RESULT '.length)) as Invocation);
      else reject(new Error(`the bundle failed (exit ${code}): ${err.slice(0, 1000)}`));
    });
  });
}

/** The local stack's environment for functions, without its credentials, and a home with no AWS files. */
function lambdaEnvironment(home: string): Record<string, string> {
  const env: Record<string, string> = { ...inject('env'), PATH: process.env.PATH ?? '', HOME: home };
  delete env.AWS_ACCESS_KEY_ID;
  delete env.AWS_SECRET_ACCESS_KEY;
  delete env.AWS_SESSION_TOKEN;
  delete env.AWS_PROFILE;
  return { ...env, POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'audition-me-bundle-'));
  bundle = bundleAsDeployed(join(workDir, 'cdk.out'));
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('a function bundled as deployed', () => {
  it('reads the table with the credentials Lambda puts in the environment', async () => {
    const home = join(workDir, 'empty-home');
    mkdirSync(home, { recursive: true });
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY } = inject('env');
    const result = await invoke({
      ...lambdaEnvironment(home),
      AWS_ACCESS_KEY_ID: AWS_ACCESS_KEY_ID ?? '',
      AWS_SECRET_ACCESS_KEY: AWS_SECRET_ACCESS_KEY ?? '',
      AWS_SESSION_TOKEN: 'session-token-from-the-lambda-runtime',
    });
    // A caller with no profile: the answer comes from a signed GetItem that DynamoDB Local served.
    expect(result.statusCode).toBe(404);
    // ...by a bundle without the SDK's event-stream serde: left as the SDK's own `import()`, which nothing here can
    // resolve (no node_modules beside the bundle) and no DynamoDB call reaches.
    expect(readFileSync(bundle, 'utf8')).toContain('import("@smithy/core/event-streams")');
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body ?? '{}')).toMatchObject({ code: 'not-found' });
  });

  it('looks for credentials nowhere but the environment (no shared credentials file, no SSO, no metadata service)', async () => {
    // Credentials in ~/.aws/credentials, which the SDK's default chain would read: the bundle must not.
    const home = join(workDir, 'home-with-profile');
    mkdirSync(join(home, '.aws'), { recursive: true });
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY } = inject('env');
    writeFileSync(
      join(home, '.aws', 'credentials'),
      `[default]\naws_access_key_id = ${AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\n`,
    );
    const result = await invoke(lambdaEnvironment(home));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body ?? '{}')).toMatchObject({ code: 'internal' });
  });
});
