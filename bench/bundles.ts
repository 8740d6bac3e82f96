import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { FUNCTION_BUNDLING } from '../infra/constructs/manifest-function';
import { functions } from '../src/manifest';
import { median, round } from './stats';

export interface BundleResult {
  readonly name: string;
  readonly memoryMb: number;
  /** Minified ESM bundle, bytes. */
  readonly bytes: number;
  /** The same gzipped: about what the deployment zip holds. */
  readonly gzipBytes: number;
  /** Median time to import the bundle in a fresh `node` process (module initialisation), ms. */
  readonly initMs: number;
  readonly initSamplesMs: readonly number[];
}

const repoRoot = resolve(import.meta.dirname, '..');

/**
 * The esbuild options NodejsFunction derives from the stack's bundling props (aws-lambda-nodejs bundling.ts:
 * `--bundle --platform=node --target --format --minify --banner:js --main-fields`, no externals because the SDK
 * is bundled), so the bundles measured here are the ones deployed.
 */
function esbuildOptions(entry: string, outfile: string) {
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
    external: FUNCTION_BUNDLING.bundleAwsSDK ? [] : ['@aws-sdk/*'],
    logLevel: FUNCTION_BUNDLING.logLevel,
    absWorkingDir: repoRoot,
  };
}

/** Imports a bundle in a fresh node process and returns how long the import took, in ms. */
function timeImport(file: string): Promise<number> {
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
 * Builds every function of the manifest with the CDK stack's esbuild options and measures its minified size and
 * its module initialisation time (the median of `runs` fresh node processes importing it).
 */
export async function measureBundles(runs: number, progress: (line: string) => void): Promise<BundleResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'audition-me-bundles-'));
  try {
    const results: BundleResult[] = [];
    for (const definition of functions) {
      const outfile = join(dir, definition.name, 'index.mjs');
      await build(esbuildOptions(definition.entry, outfile));
      const bytes = statSync(outfile).size;
      const gzipBytes = gzipSync(readFileSync(outfile), { level: 9 }).byteLength;
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await timeImport(outfile));
      const result = {
        name: definition.name,
        memoryMb: definition.memoryMb,
        bytes,
        gzipBytes,
        initMs: round(median(samples)),
        initSamplesMs: samples.map((s) => round(s)),
      };
      results.push(result);
      progress(`  ${definition.name}: ${round(bytes / 1024)} KiB, init ${result.initMs} ms`);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
