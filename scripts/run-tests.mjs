// Runs every vitest project and closes with the plain "N passed, N failed" line CI reads.
//
// Without arguments the unit and the integration project run side by side, in separate vitest processes: in one
// process vitest runs them one after the other (on 2 cores it has one worker, and the integration files run
// one at a time in any case), so the CPU-bound unit files would wait for, or hold up, the integration files,
// which mostly wait on the local stack. The integration files that start a system of their own run in a third
// process. The output of the unit and that third process is printed as a block when each is done.
// With arguments (a project, files, options) one vitest process runs them, as before.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'audition-me-tests-'));
const started = Date.now();
const env = {
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...process.env,
  // The CDK template tests synthesize the default stack once in this run, not once per file (test/unit/infra).
  AUDITION_ME_SYNTH_CACHE: join(dir, 'synth'),
};

/** One vitest process; resolves with its exit status and the path of its JSON report. */
function vitest(name, args, { buffered, env: extraEnv = {} }) {
  const report = join(dir, `${name}.json`);
  const child = spawn(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...args,
    ],
    { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...env, ...extraEnv } },
  );
  const output = [];
  if (buffered) {
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
  }
  return new Promise((resolve) => {
    child.on('close', (status) => {
      if (buffered) process.stdout.write(Buffer.concat(output));
      resolve({ name, status, report });
    });
  });
}

/**
 * Integration files that start a whole system of their own (`npm start`) and never use the shared stack: they
 * run in a third process, beside the others, without starting the shared stack (test/integration/global-setup.ts).
 */
const ownSystem = ['test/integration/start-stop.test.ts', 'test/integration/logs.test.ts'];

const extra = process.argv.slice(2);
const runs = await Promise.all(
  extra.length
    ? [vitest('all', extra, { buffered: false })]
    : [
        vitest('unit', ['--project', 'unit'], { buffered: true }),
        vitest('integration', ['--project', 'integration', ...ownSystem.flatMap((f) => ['--exclude', f])], {
          buffered: false,
        }),
        vitest('own-system', ['--project', 'integration', ...ownSystem], {
          buffered: true,
          env: { AUDITION_ME_SHARED_STACK: 'false' },
        }),
      ],
);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const run of runs) {
  try {
    const results = JSON.parse(readFileSync(run.report, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests;
    skipped += results.numPendingTests + results.numTodoTests;
  } catch {
    failed = Math.max(failed, 1);
    console.error(
      `The test runner wrote no report${runs.length > 1 ? ` for ${run.name}` : ''}; counting the run as failed.`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`\nnpm test took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(runs.every((run) => run.status === 0) && failed === 0 ? 0 : 1);
