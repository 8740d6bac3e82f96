import { vi } from 'vitest';

/**
 * The environment a deployed function reads its configuration from (src/config.ts), with placeholder values, for
 * unit tests that run a handler with its AWS clients stubbed. Undo with `vi.unstubAllEnvs()`.
 */
export function stubFunctionEnv(): void {
  vi.stubEnv('TABLE_NAME', 'table');
  vi.stubEnv('EMAIL_QUEUE_URL', 'http://queue');
  vi.stubEnv('USER_POOL_ID', 'pool');
  vi.stubEnv('USER_POOL_CLIENT_ID', 'client');
  vi.stubEnv('SENDER_EMAIL', 'noreply@example.com');
  vi.stubEnv('WEB_BASE_URL', 'https://app.example.org');
}
