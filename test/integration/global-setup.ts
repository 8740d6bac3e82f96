import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../local/processes';
import { startLocalSystem } from '../../local/system';
import { startWebServer } from '../../local/web-server';
import { browserLaunchOptions, chromiumPath } from '../support/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    sesUrl: string;
    env: Record<string, string>;
    emailDeadLetterQueueUrl: string;
    cognitoIssuer: string;
    webUrl: string;
    /** The Chromium all browser test files share ('' when Chromium is not installed). */
    browserWsEndpoint: string;
  }
}

const javaOptions = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** Starts the whole local system once, in memory and on free ports, for every integration test file. */
export default async function setup(project: TestProject) {
  // DynamoDB Local (a JVM: this stack's, and those of the files that run `npm start`) with the quick compiler only
  // and one GC thread: about 40 % less CPU over a test run, where the optimizing compiler's work never pays back.
  process.env.JAVA_TOOL_OPTIONS = [javaOptions, process.env.JAVA_TOOL_OPTIONS].filter(Boolean).join(' ');
  // scripts/run-tests.mjs runs the files that start a system of their own (npm start) in a process without it.
  if (process.env.AUDITION_ME_SHARED_STACK === 'false') return;
  const started = Date.now();
  // One Chromium for every browser test file, started while the stack starts; none in a process told it runs no
  // browser file (scripts/run-tests.mjs's second integration shard; a browser file there would launch its own).
  const wantsBrowser = existsSync(chromiumPath) && process.env.AUDITION_ME_SHARED_BROWSER !== 'false';
  const browserServer = wantsBrowser ? chromium.launchServer(browserLaunchOptions) : undefined;
  // The web server's port is chosen first, so that the links in emails lead to it.
  const webPort = await freePort();
  const system = await startLocalSystem({
    queueVisibilityTimeoutSeconds: 1,
    // DynamoDB Local's own behaviour (no throttling), so tests are not slowed; a test that wants the limit sets it.
    throughput: 'unmetered',
    // Its files sign up hundreds of users; the one test of the auth routes' throttles turns them on for itself.
    routeThrottling: 'off',
    log: () => undefined,
    webUrl: `http://127.0.0.1:${webPort}`,
  }).catch(async (error: unknown) => {
    await (await browserServer)?.close();
    throw error;
  });
  console.log(`local stack started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('apiUrl', system.apiUrl);
  project.provide('sesUrl', system.stack.urls.ses);
  project.provide('env', system.stack.env);
  project.provide('emailDeadLetterQueueUrl', system.stack.resources.emailDeadLetterQueueUrl);
  project.provide('cognitoIssuer', `${system.stack.urls.cognito}/${system.stack.resources.userPoolId}`);
  const web = await startWebServer({
    port: webPort,
    apiUrl: system.apiUrl,
    outboxUrl: system.stack.urls.ses,
    photoStoreUrl: system.stack.urls.sqs, // fauxqs serves S3 too
  }).catch(async (error: unknown) => {
    await system.stop();
    await (await browserServer)?.close();
    throw error;
  });
  project.provide('webUrl', web.url);
  const browser = await browserServer?.catch(async (error: unknown) => {
    await web.stop();
    await system.stop();
    throw error;
  });
  project.provide('browserWsEndpoint', browser?.wsEndpoint() ?? '');
  return async () => {
    await browser?.close();
    await web.stop();
    await system.stop();
  };
}
