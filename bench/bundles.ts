import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { FUNCTION_ALIASES, FUNCTION_BUNDLING, externalModulesOf } from '../infra/constructs/manifest-function';
import { functions } from '../src/manifest';
import type { GroupingResult, SdkImportResult } from './grouping';
import { median, round } from './stats';

export interface BundleResult {
  readonly name: string;
  readonly memoryMb: number;
  /** Minified ESM bundle, bytes. */
  readonly bytes: number;
  /** The same gzipped: about what the deployment zip holds. */
  readonly gzipBytes: number;
  /** The packages that weigh most in the bundle (`src` is the project's own code), bytes of output each. */
  readonly topPackages: readonly { readonly name: string; readonly bytes: number }[];
  /** Median time to import the bundle in a fresh `node` process (module initialisation), ms. */
  readonly initMs: number;
  readonly initSamplesMs: readonly number[];
  /** `initMs` over the hello-world bundle's, imported alternately with it in the same run. */
  readonly initRatio: number;
}

/** Every function's bundle, beside a hello-world handler built and imported the same way in the same run. */
export interface BundlesResult {
  readonly runs: number;
  readonly helloWorld: { readonly bytes: number; readonly initMs: number };
  readonly functions: readonly BundleResult[];
  /** The same routes as one function: see bench/grouping.ts. */
  readonly grouping?: GroupingResult;
  /** The SDK bundled against the Lambda runtime's copy: see bench/grouping.ts. */
  readonly sdk?: SdkImportResult;
}

const repoRoot = resolve(import.meta.dirname, '..');

/**
 * The esbuild options NodejsFunction derives from the stack's bundling props (aws-lambda-nodejs bundling.ts:
 * `--bundle --platform=node --target --format --minify --banner:js --main-fields`, the SDK bundled, the `--alias` of
 * `esbuildArgs`, and as `--external` the function's `externalModulesOf`), so the bundles measured are those deployed.
 * @example await build(esbuildOptions('src/functions/me-get.ts', '/tmp/me-get/index.mjs', externalModulesOf(definition)))
 */
export function esbuildOptions(entry: string, outfile: string, externalModules: readonly string[] = []) {
  return {
    entryPoints: [resolve(repoRoot, entry)],
    outfile,
    bundle: true,
    platform: 'node' as const,
    target: FUNCTION_BUNDLING.target,
    format: FUNCTION_BUNDLING.format,
    minify: FUNCTION_BUNDLING.minify,
    sourcemap: FUNCTION_BUNDLING.sourceMap,
    mainFields: [...FUNCTION_BUNDLING.mainFields],
    banner: { js: FUNCTION_BUNDLING.banner },
    external: [...(FUNCTION_BUNDLING.bundleAwsSDK ? [] : ['@aws-sdk/*']), ...externalModules],
    alias: { ...FUNCTION_ALIASES },
    logLevel: FUNCTION_BUNDLING.logLevel,
    absWorkingDir: repoRoot,
  };
}

/** Imports a bundle in a fresh node process and returns how long the import took, in ms. */
export function timeImport(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH, POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_REGION: 'us-east-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && out
        ? resolvePromise(Number(out))
        : reject(new Error(`import of ${file} failed: ${err.slice(0, 500)}`)),
    );
  });
}

/**
 * The package a bundled input file belongs to (`@scope/name` or `name`), or `src` for the project's own code.
 * @example packageOf('node_modules/@smithy/core/dist-es/index.js') // '@smithy/core'
 */
export function packageOf(inputPath: string): string {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(inputPath.replaceAll('\\', '/'));
  return match?.[1] ?? 'src';
}

/** Output bytes per package, heaviest first, from esbuild's metafile entry of one output. */
export function packageWeights(
  inputs: Record<string, { readonly bytesInOutput: number }>,
): { name: string; bytes: number }[] {
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + bytesInOutput);
  }
  return [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** Builds one entry with the stack's options; its size and its heaviest packages. */
export async function buildBundle(entry: string, outfile: string, externalModules: readonly string[] = []) {
  const { metafile } = await build({ ...esbuildOptions(entry, outfile, externalModules), metafile: true });
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  const bytes = statSync(outfile).size;
  return {
    bytes,
    gzipBytes: gzipSync(readFileSync(outfile), { level: 9 }).byteLength,
    topPackages: packageWeights(output?.inputs ?? {}).slice(0, 6),
  };
}

/**
 * Builds every function of the manifest with the CDK stack's esbuild options and measures its minified size, its
 * heaviest packages and its module initialisation time: the median of `runs` fresh node processes importing it,
 * each run alternating with a hello-world handler's bundle so the ratio between the two holds on a busy machine.
 */
export async function measureBundles(runs: number, progress: (line: string) => void): Promise<BundlesResult> {
  const dir = mkdtempSync(join(tmpdir(), 'audition-me-bundles-'));
  try {
    const helloEntry = join(dir, 'hello-world.mjs');
    writeFileSync(helloEntry, 'export const handler = async () => ({ statusCode: 200, body: "hello" });\n');
    const helloFile = join(dir, 'hello-world', 'index.mjs');
    const hello = await buildBundle(helloEntry, helloFile);
    const helloSamples: number[] = [];
    const results: BundleResult[] = [];
    for (const definition of functions) {
      const outfile = join(dir, definition.name, 'index.mjs');
      const bundle = await buildBundle(definition.entry, outfile, externalModulesOf(definition));
      const samples: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < runs; i++) {
        baseline.push(await timeImport(helloFile));
        samples.push(await timeImport(outfile));
      }
      helloSamples.push(...baseline);
      const initMs = median(samples);
      const result: BundleResult = {
        name: definition.name,
        memoryMb: definition.memoryMb,
        ...bundle,
        initMs: round(initMs),
        initSamplesMs: samples.map((s) => round(s)),
        initRatio: round(initMs / median(baseline), 2),
      };
      results.push(result);
      const heaviest = bundle.topPackages
        .slice(0, 3)
        .map((p) => `${p.name} ${round(p.bytes / 1024)}`)
        .join(', ');
      progress(
        `  ${definition.name}: ${round(bundle.bytes / 1024)} KiB (${heaviest}), init ${result.initMs} ms = ${result.initRatio}× hello world`,
      );
    }
    return { runs, helloWorld: { bytes: hello.bytes, initMs: round(median(helloSamples)) }, functions: results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
