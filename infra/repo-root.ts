import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the repository root. Manifest entries are relative to it, and NodejsFunction bundles from it
 * (it holds package-lock.json), whatever directory `cdk` or the tests were started from.
 */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
