import { defineConfig } from 'vitest/config';
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

/**
 * Files that put hundreds of requests in flight at once, each within its function's Lambda time limit: they need
 * the CPU most, so they run last in their process, once the CPU-bound work that `npm test` runs beside the
 * integration files (type-check, lint, unit files, the `npm start` files) is likely done.
 */
const loadHeavy = ['test/integration/faults.test.ts', 'test/integration/concurrency.test.ts'];

/** vitest's order (failed first, then slowest first), with the load-heavy files moved to the end. */
class LoadHeavyLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const heavy = (file: TestSpecification) => loadHeavy.some((path) => file.moduleId.endsWith(path));
    return [...sorted.filter((file) => !heavy(file)), ...sorted.filter(heavy)];
  }
}

export default defineConfig({
  test: {
    sequence: { sequencer: LoadHeavyLast },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Synthesizing the CDK app takes seconds on a busy 2-core machine; speed is measured by `npm run bench`.
          testTimeout: 60_000,
          // The files share one module graph instead of each importing the AWS SDK, CDK and zod afresh: half the
          // project's CPU time. So a file that stubs or spies on anything global restores it after each test
          // (vi.restoreAllMocks, vi.unstubAllEnvs), and no file relies on a module being loaded fresh for it.
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/model/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/setup-env.ts'],
          // Generous: only a guard against a hang. Other work often shares this 2-core machine, and a test that
          // passes in 15 s alone (200 simultaneous sign-ups) has taken over 60 s while it did.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One local stack is shared; files run one at a time so their queue and mail checks do not interleave.
          fileParallelism: false,
        },
      },
    ],
  },
});
