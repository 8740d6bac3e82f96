import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { FromEnvInit } from '@aws-sdk/credential-provider-env';

// Stands in for `@aws-sdk/credential-provider-node` in the deployed bundles (FUNCTION_ALIASES in
// infra/constructs/manifest-function.ts). Every SDK client imports that package's `defaultProvider`, the whole
// chain (environment, SSO, ini files, credential processes, web identity, container and instance metadata, with
// the STS, SSO and sign-in clients they use): about 135 KB of each bundle. On Lambda only the first link ever
// answers, because the runtime puts the function role's credentials in the environment. The local runtime and the
// tests run the source, not the bundles, and keep the SDK's own chain.

/**
 * The credential provider of every SDK client in a deployed function: the function role's credentials from the
 * environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), and nothing else.
 *
 * @example
 * // What the SDK clients do with it (they call it themselves; handlers never do):
 * const credentials = await defaultProvider()(); // { accessKeyId: 'ASIA…', secretAccessKey: '…', sessionToken: '…' }
 */
export const defaultProvider = (init?: FromEnvInit) => fromEnv(init);
