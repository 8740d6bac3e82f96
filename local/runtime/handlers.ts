import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FunctionDefinition } from '../../src/manifest';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each trigger has its own event and result types
export type AnyHandler = (event: any, context: Context) => Promise<any>;

/** Imports the `handler` export of a manifest function's entry, exactly as Lambda would call it. */
export async function loadHandler(definition: FunctionDefinition): Promise<AnyHandler> {
  const module = (await import(pathToFileURL(join(repositoryRoot, definition.entry)).href)) as { handler?: AnyHandler };
  if (typeof module.handler !== 'function') throw new Error(`${definition.entry} exports no handler`);
  return module.handler;
}

/** A Lambda context object for one invocation. */
export function lambdaContext(definition: FunctionDefinition): Context {
  const deadline = Date.now() + definition.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: definition.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${definition.name}`,
    memoryLimitInMB: String(definition.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${definition.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
