import { resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions, packageOf } from '../../../bench/bundles';
import { DEFERRED_SDK_MODULES, externalModulesOf } from '../../../infra/constructs/manifest-function';
import { functions } from '../../../src/manifest';

/**
 * Every function's deployed bundle, built in memory with the stack's options: esbuild's metafile entry of each, by
 * function name. One esbuild call for all the functions that leave out the same modules (it parses what they share
 * once), built once for the whole file.
 */
const allBundles = (() => {
  let built: Promise<Map<string, Metafile['outputs'][string]>> | undefined;
  return () => (built ??= buildAll());
})();

async function buildAll(): Promise<Map<string, Metafile['outputs'][string]>> {
  const groups = new Map<string, (typeof functions)[number][]>();
  for (const definition of functions) {
    const key = JSON.stringify(externalModulesOf(definition));
    groups.set(key, [...(groups.get(key) ?? []), definition]);
  }
  const byName = new Map<string, Metafile['outputs'][string]>();
  for (const [key, group] of groups) {
    const {
      outfile: _outfile,
      entryPoints: _entryPoints,
      ...options
    } = esbuildOptions(group[0]!.entry, '/tmp/audition-me-bundle-check/index.mjs', JSON.parse(key) as string[]);
    const { metafile } = await build({
      ...options,
      entryPoints: Object.fromEntries(group.map((f) => [f.name, resolve(options.absWorkingDir, f.entry)])),
      outdir: '/tmp/audition-me-bundle-check',
      outExtension: { '.js': '.mjs' },
      write: false,
      metafile: true,
    });
    for (const [path, output] of Object.entries(metafile.outputs)) {
      const name = /([^/]+)\.mjs$/.exec(path)?.[1];
      if (name && output.entryPoint !== undefined) byName.set(name, output);
    }
  }
  return byName;
}

/** One function's deployed bundle: esbuild's metafile entry of it. */
async function bundled(name: string) {
  const output = (await allBundles()).get(name);
  if (!output) throw new Error(`${name} is not in the manifest`);
  return output;
}

/** The input files one function's deployed bundle takes code from. */
async function bundledInputs(name: string, minBytes = 1): Promise<string[]> {
  const output = await bundled(name);
  return Object.entries(output?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput >= minBytes)
    .map(([path]) => path);
}

/** The packages one function's deployed bundle takes code from. */
async function bundledPackages(name: string): Promise<Set<string>> {
  return new Set((await bundledInputs(name)).map(packageOf));
}

// What keeps the bundles small (docs/architecture.md, "Bundles and cold starts"), held where a change could undo it.
describe('what a deployed bundle leaves out', () => {
  it("every SDK client's credential chain but its environment link", async () => {
    const packages = await bundledPackages('me-get');
    expect(packages).toContain('@aws-sdk/client-dynamodb');
    expect(packages).toContain('@aws-sdk/credential-provider-env');
    for (const chainLink of [
      '@aws-sdk/credential-provider-node',
      '@aws-sdk/credential-provider-ini',
      '@aws-sdk/credential-provider-sso',
      '@aws-sdk/nested-clients',
      '@smithy/credential-provider-imds',
    ]) {
      expect(packages).not.toContain(chainLink);
    }
  });

  it('the SDK, in the one route that reads no table (openapi-get)', async () => {
    const packages = [...(await bundledPackages('openapi-get'))];
    expect(packages.filter((p) => p.startsWith('@aws-sdk/') || p.startsWith('@smithy/'))).toEqual([]);
  });

  it('luxon, in functions that convert no time between zones', async () => {
    // Accounts, photos, searching the index and the OpenAPI document only store or read: the zone conversions
    // (slot instants, search summaries) are done where the data is decided, not in the stores every function builds.
    for (const name of ['auth-signup', 'photo-confirm', 'performance-search', 'openapi-get']) {
      expect(await bundledPackages(name), name).not.toContain('luxon');
    }
    expect(await bundledPackages('performance-create')).toContain('luxon');
  });

  it('the iCalendar library, in the routes that only stamp the next invite of a sign-up', async () => {
    for (const name of ['signup-create', 'signup-withdraw', 'casting-create', 'casting-undo']) {
      const packages = await bundledPackages(name);
      expect(packages, name).not.toContain('ics');
      expect(packages, name).not.toContain('yup');
    }
    expect(await bundledPackages('signup-calendar')).toContain('ics');
  });

  it('the stores a function does not name (each builds only its own)', async () => {
    // A store's code, not a numeric constant of its module the bundler keeps (a few bytes).
    const adapters = async (name: string) =>
      (await bundledInputs(name, 100))
        .filter(
          (path) =>
            path.startsWith('src/adapters/dynamodb/') && /-(store|index|list|photos|notices|counter)\.ts$/.test(path),
        )
        .sort();
    // photo-confirm names the photo store; as a protected route it also reads its caller's profile.
    expect(await adapters('photo-confirm')).toEqual([
      'src/adapters/dynamodb/profile-photos.ts',
      'src/adapters/dynamodb/profile-store.ts',
    ]);
    // ses-feedback names only the suppression list.
    expect(await adapters('ses-feedback')).toEqual(['src/adapters/dynamodb/suppression-list.ts']);
  });

  it("the SDK's event-stream serde, left to a dynamic import that no operation here reaches", async () => {
    // Every function: a left-out module imported statically would fail at the cold start.
    const staticImports = await Promise.all(
      functions.map(async ({ name }) =>
        ((await bundled(name))?.imports ?? [])
          .filter((i) => i.external && DEFERRED_SDK_MODULES.includes(i.path) && i.kind !== 'dynamic-import')
          .map((i) => `${name}: ${i.kind} ${i.path}`),
      ),
    );
    expect(staticImports.flat()).toEqual([]);
    const eventStreams = (inputs: string[]) =>
      inputs.filter((p) => p.includes('@smithy/core/dist-es/submodules/event-streams/'));
    expect(eventStreams(await bundledInputs('me-update'))).toEqual([]);
    expect(eventStreams(await bundledInputs('mailer'))).toEqual([]);
    // The S3 client imports it statically: the photo functions that call S3 keep it.
    expect(eventStreams(await bundledInputs('photo-confirm'))).not.toEqual([]);
  });
});
