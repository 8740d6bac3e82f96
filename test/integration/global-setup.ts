import type { TestProject } from 'vitest/node';
import { startLocalSystem } from '../../local/system';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    sesUrl: string;
    env: Record<string, string>;
    emailDeadLetterQueueUrl: string;
    cognitoIssuer: string;
  }
}

/** Starts the whole local system once, in memory and on free ports, for every integration test file. */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const system = await startLocalSystem({ queueVisibilityTimeoutSeconds: 1, log: () => undefined });
  console.log(`local stack started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('apiUrl', system.apiUrl);
  project.provide('sesUrl', system.stack.urls.ses);
  project.provide('env', system.stack.env);
  project.provide('emailDeadLetterQueueUrl', system.stack.resources.emailDeadLetterQueueUrl);
  project.provide('cognitoIssuer', `${system.stack.urls.cognito}/${system.stack.resources.userPoolId}`);
  return async () => {
    await system.stop();
  };
}
