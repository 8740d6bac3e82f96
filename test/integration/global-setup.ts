import type { TestProject } from 'vitest/node';
import { startLocalSystem } from '../../local/system';
import { startWebServer } from '../../local/web-server';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    sesUrl: string;
    env: Record<string, string>;
    emailDeadLetterQueueUrl: string;
    cognitoIssuer: string;
    webUrl: string;
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
  const web = await startWebServer({ port: 0, apiUrl: system.apiUrl, outboxUrl: system.stack.urls.ses }).catch(
    async (error: unknown) => {
      await system.stop();
      throw error;
    },
  );
  project.provide('webUrl', web.url);
  return async () => {
    await web.stop();
    await system.stop();
  };
}
