// `npm test`: type-checks, lints, checks the formatting and runs every vitest project, and closes with the plain
// "N passed, N failed" line CI reads (a failed type-check, lint or format check counts as one failed test there,
// and fails the command).
//
// Everything runs side by side, each in a process of its own, because most of the time goes to waiting on the
// local stack, not to the CPU:
// - the checks: `tsc` (the code, then web/), then `eslint`;
// - the unit project;
// - the integration files, in two shards balanced by their measured durations. The files of one shard run one
//   at a time, against the one local stack that shard's process starts (test/integration/global-setup.ts: free
//   ports, in memory, its own outbox and email queue), so no file sees another shard's emails or messages;
// - the integration files that start a whole system of their own (`npm start`), without the shared stack.
// The first integration shard prints as it goes; the output of every other process is printed as a block when
// it is done.
// With arguments (a project, files, options) one vitest process runs them, beside the checks.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'audition-me-tests-'));
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const env = {
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...process.env,
  // The CDK template tests synthesize the default stack once in this run, not once per file (test/unit/infra).
  AUDITION_ME_SYNTH_CACHE: join(dir, 'synth'),
};

/**
 * Runs a node script; resolves with its exit status, its output (when buffered) and how long it took. A
 * `background` one (the type-check and lint, which have no time limits) runs at a lower priority (niceness 5): it
 * only needs the CPU the test processes leave idle, and it must not starve them (the functions have Lambda's time
 * limits, the tests theirs). The unit files run at normal priority: on a busy machine, niced, the CDK synthesis
 * and the property tests over every zone went past their time limit.
 */
function run(script, args, { buffered, background = false, env: extraEnv = {} }) {
  const begun = Date.now();
  const child = spawn(process.execPath, [script, ...args], {
    stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...env, ...extraEnv },
  });
  if (background && child.pid !== undefined) {
    try {
      setPriority(child.pid, 5);
    } catch {
      // Not allowed here, or already exited: it runs at normal priority.
    }
  }
  const output = [];
  if (buffered) {
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
  }
  return new Promise((resolve) => {
    child.on('close', (status) => resolve({ status, output: Buffer.concat(output), ms: Date.now() - begun }));
  });
}

/** One vitest process; resolves with its exit status and the path of its JSON report. */
async function vitest(name, args, { buffered, background, env: extraEnv }) {
  const report = join(dir, `${name}.json`);
  const vitestArgs = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args];
  const result = await run('node_modules/vitest/vitest.mjs', vitestArgs, { buffered, background, env: extraEnv });
  if (buffered) process.stdout.write(result.output);
  console.log(`[${name}] vitest finished in ${seconds(result.ms)}`);
  return { name, status: result.status, report, ms: result.ms };
}

/** The format check, the type-check (code, then web/) and the lint, in turn; stops at the first that fails. */
async function checks() {
  const steps = [
    // First, before the test processes have written anything (all they write is ignored by git, and so by prettier).
    ['format check', 'node_modules/prettier/bin/prettier.cjs', ['--check', '.']],
    ['typecheck', 'node_modules/typescript/bin/tsc', ['--noEmit']],
    ['typecheck web', 'node_modules/typescript/bin/tsc', ['--noEmit', '-p', 'web']],
    ['lint', 'node_modules/eslint/bin/eslint.js', ['--max-warnings', '0', '.']],
  ];
  const begun = Date.now();
  for (const [name, script, args] of steps) {
    const result = await run(script, args, { buffered: true, background: true });
    if (result.status !== 0) {
      process.stdout.write(result.output);
      console.error(`\n${name} failed (${script} ${args.join(' ')}).`);
      return { name, ok: false, ms: Date.now() - begun };
    }
  }
  console.log(`[checks] format check, type-check and lint passed in ${seconds(Date.now() - begun)}`);
  return { name: 'checks', ok: true, ms: Date.now() - begun };
}

/**
 * Integration files that start a whole system of their own (`npm start`) and never use the shared stack: they
 * run in a process of their own, without starting the shared stack (test/integration/global-setup.ts).
 */
const ownSystem = ['test/integration/start-stop.test.ts', 'test/integration/logs.test.ts'];

/**
 * The first integration shard: the browser files (the only ones that need Chromium) and the reminder tests, about
 * half of the shared-stack files' time (about 100 s of 200 s measured alone). The second shard runs every other
 * file, so a new file lands there unless it is listed here. Globs, as vitest's --exclude takes them.
 */
const firstShard = ['test/integration/browser/**', 'test/integration/reminders.test.ts'];

const exclude = (globs) => globs.flatMap((glob) => ['--exclude', glob]);
const extra = process.argv.slice(2);
const [check, ...runs] = await Promise.all([
  checks(),
  ...(extra.length
    ? [vitest('all', extra, { buffered: false })]
    : [
        vitest('integration-1', ['--project', 'integration', ...firstShard.map((glob) => glob.replace('**', ''))], {
          buffered: false,
        }),
        vitest('integration-2', ['--project', 'integration', ...exclude([...firstShard, ...ownSystem])], {
          buffered: true,
          // This shard runs no browser file: its process starts no Chromium.
          env: { AUDITION_ME_SHARED_BROWSER: 'false' },
        }),
        vitest('unit', ['--project', 'unit'], { buffered: true }),
        vitest('own-system', ['--project', 'integration', ...ownSystem], {
          buffered: true,
          env: { AUDITION_ME_SHARED_STACK: 'false' },
        }),
      ]),
]);

let passed = 0;
let failed = check.ok ? 0 : 1;
let skipped = 0;
/** Every failed test's file, name and first lines of its error: repeated beside the summary, which CI's tail shows. */
const failures = [];
for (const run of runs) {
  try {
    const results = JSON.parse(readFileSync(run.report, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests;
    skipped += results.numPendingTests + results.numTodoTests;
    for (const file of results.testResults ?? []) {
      const where = relative(process.cwd(), file.name);
      const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
      for (const test of failedTests) {
        const message = (test.failureMessages ?? []).join('\n').split('\n').slice(0, 6).join('\n    ');
        failures.push(`[${run.name}] ${where} > ${test.fullName}\n    ${message}`);
      }
      // A file that failed outside any test (an import error, a failing hook) counts in no test's status.
      if (!failedTests.length && file.status === 'failed' && file.message) {
        failures.push(`[${run.name}] ${where}\n    ${file.message.split('\n').slice(0, 6).join('\n    ')}`);
      }
    }
  } catch {
    failed = Math.max(failed, 1);
    console.error(
      `The test runner wrote no report${runs.length > 1 ? ` for ${run.name}` : ''}; counting the run as failed.`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
const times = [check, ...runs].map((r) => `${r.name} ${seconds(r.ms)}`).join(', ');
console.log(`\nnpm test took ${seconds(Date.now() - started)} (${times})`);
if (!check.ok) console.error(`${check.name} failed: see its output above.`);
if (failures.length) console.error(`\nFailed:\n${failures.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(check.ok && runs.every((run) => run.status === 0) && failed === 0 ? 0 : 1);
