// `npm run test:model -- --runs N [--seed S] [--commands C] [--path P] [--no-shrink]`: the model-based test with
// many sequences, on its own local stack. A failure prints the seed, the path and the shrunk command sequence;
// pass them back with --seed and --path to replay exactly that sequence.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '300' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    commands: { type: 'string', default: '15' },
    path: { type: 'string' },
    'no-shrink': { type: 'boolean', default: false },
  },
});
console.log(`model test: --runs ${values.runs} --seed ${values.seed} --commands ${values.commands}`);
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
      // Long runs and shrinking need far more than the 2 minutes `npm test` gives the file.
      MODEL_TIMEOUT_MS: String(6 * 60 * 60 * 1000),
    },
  },
);
console.log(`model test took ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${values.seed})`);
process.exit(run.status ?? 1);
