// `npm run test:model -- --runs N [--seed S] [--commands C] [--path P] [--no-shrink] [--at ISO]`: the model-based
// test with many sequences, on its own local stack. A failure prints the seed, the path and the shrunk command
// sequence, and the wall-clock time the run started at; pass them back with --seed, --path and --at to replay that
// sequence as it ran (sequences place slots at local hours relative to now, so the time of day matters).
// --at runs every Node process of the test with its clock moved to that time (scripts/shifted-clock.cjs).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '300' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    commands: { type: 'string', default: '15' },
    path: { type: 'string' },
    'no-shrink': { type: 'boolean', default: false },
    at: { type: 'string' },
  },
});
const offsetMs = values.at ? Date.parse(values.at) - Date.now() : 0;
if (Number.isNaN(offsetMs)) throw new Error(`--at ${values.at}: not a time (e.g. 2026-12-02T02:45:16Z)`);
console.log(
  `model test: --runs ${values.runs} --seed ${values.seed} --commands ${values.commands} ` +
    `--at ${new Date(Date.now() + offsetMs).toISOString()}`,
);
const started = Date.now();
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--project', 'integration', 'test/model/model.test.ts'],
  {
    stdio: 'inherit',
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...process.env,
      MODEL_RUNS: values.runs,
      MODEL_SEED: values.seed,
      MODEL_COMMANDS: values.commands,
      ...(values.path ? { MODEL_PATH: values.path } : {}),
      ...(values['no-shrink'] ? { MODEL_SHRINK: 'false' } : {}),
      ...(offsetMs
        ? {
            SHIFTED_CLOCK_OFFSET_MS: String(offsetMs),
            NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${new URL('./shifted-clock.cjs', import.meta.url).pathname}`,
          }
        : {}),
      // Long runs and shrinking need far more than the 2 minutes `npm test` gives the file.
      MODEL_TIMEOUT_MS: String(6 * 60 * 60 * 1000),
    },
  },
);
console.log(`model test took ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${values.seed})`);
process.exit(run.status ?? 1);
