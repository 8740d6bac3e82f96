import type { TestProject } from 'vitest/node';
import { freePort } from '../../local/processes';
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
  // The web server's port is chosen first, so that the links in emails lead to it.
  const webPort = await freePort();
  const system = await startLocalSystem({
    queueVisibilityTimeoutSeconds: 1,
    // DynamoDB Local's own behaviour (no throttling), so tests are not slowed; a test that wants the limit sets it.
    throughput: 'unmetered',
    log: () => undefined,
    webUrl: `http://127.0.0.1:${webPort}`,
  });
  console.log(`local stack started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('apiUrl', system.apiUrl);
  project.provide('sesUrl', system.stack.urls.ses);
  project.provide('env', system.stack.env);
  project.provide('emailDeadLetterQueueUrl', system.stack.resources.emailDeadLetterQueueUrl);
  project.provide('cognitoIssuer', `${system.stack.urls.cognito}/${system.stack.resources.userPoolId}`);
  const web = await startWebServer({ port: webPort, apiUrl: system.apiUrl, outboxUrl: system.stack.urls.ses }).catch(
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
