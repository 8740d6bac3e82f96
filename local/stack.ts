import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp as buildFauxqs } from 'fauxqs';
import sesModule from 'aws-ses-v2-local';
import { startDynamoDbLocal } from './dynamodb/dynamodb-local';
import { ensureQueues, ensureTable, ensureUserPool } from './bootstrap';
import { acceptPresignedPosts } from './s3/presigned-post';
import { assertPortsFree, freePort, stopChild, waitForPort } from './processes';

export interface Ports {
  readonly dynamodb: number;
  readonly sqs: number;
  readonly cognito: number;
  readonly ses: number;
}

export interface StackOptions {
  /** Folder for DynamoDB and Cognito state; without it everything lives in memory or a temporary folder. */
  readonly dataDir?: string;
  /** Fixed ports (for `npm start`); any port left out is chosen free by the OS. */
  readonly ports?: Partial<Ports>;
  readonly queueVisibilityTimeoutSeconds: number;
  readonly log: (line: string) => void;
  /** The web UI's base URL, for the links in emails; `npm start`'s by default. */
  readonly webUrl?: string;
}

/** Where `npm start` serves the web UI unless WEB_PORT says otherwise. */
export const defaultWebUrl = 'http://127.0.0.1:5173';

export interface LocalStack {
  readonly ports: Ports;
  readonly urls: { readonly dynamodb: string; readonly sqs: string; readonly cognito: string; readonly ses: string };
  readonly resources: {
    readonly tableName: string;
    readonly emailQueueUrl: string;
    readonly emailDeadLetterQueueUrl: string;
    /** The performers' photos, in fauxqs's S3. */
    readonly photoBucket: string;
    /** Each stream consumer's on-failure destination, by function name. */
    readonly streamFailureQueueUrls: Readonly<Record<string, string>>;
    readonly userPoolId: string;
    readonly userPoolClientId: string;
  };
  /** Folder holding cognito-local's `.cognito/` state (its db JSON keeps the confirmation codes). */
  readonly cognitoDir: string;
  /** The environment a Lambda function gets: standard SDK endpoint variables and the function configuration. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

// aws-ses-v2-local is CommonJS with `exports.default`; under Node's ESM loader that arrives one level down.
const startSesServer = (sesModule as unknown as { default?: typeof sesModule }).default ?? sesModule;

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'us-east-1';
const photoBucket = 'audition-me-photos';

/** fauxqs's app with the browser uploads S3 takes (POST policies) and CORS, which fauxqs lacks. */
function withBrowserUploads(app: ReturnType<typeof buildFauxqs>): ReturnType<typeof buildFauxqs> {
  acceptPresignedPosts(app, { secretAccessKey: credentials.secretAccessKey });
  return app;
}

function startCognitoLocal(port: number, cwd: string, log: (line: string) => void): ChildProcess {
  mkdirSync(join(cwd, '.cognito'), { recursive: true });
  // The issuer must be the address the verifier is told to trust: 127.0.0.1, not cognito-local's "localhost".
  writeFileSync(
    join(cwd, '.cognito', 'config.json'),
    JSON.stringify({ TokenConfig: { IssuerDomain: `http://127.0.0.1:${port}` } }, null, 2),
  );
  const require = createRequire(import.meta.url);
  const bin = require.resolve('cognito-local/lib/bin/start.js');
  // Operations cognito-local lacks, added to it before it starts.
  const extensions = [
    require.resolve('./cognito/resend-confirmation-code.cjs'),
    require.resolve('./cognito/record-sent-emails.cjs'),
  ];
  const load = [...extensions, bin].map((file) => `require(${JSON.stringify(file)});`).join(' ');
  // The IPC channel closes when this process dies in any way; the child then exits instead of lingering.
  const child = spawn(process.execPath, ['-e', `process.on('disconnect', () => process.exit(0)); ${load}`], {
    cwd,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // cognito-local prints the confirmation codes it would have emailed; pass those lines on.
  child.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (/code/i.test(line) && /\d{4,}/.test(line)) log(line.trim());
  });
  return child;
}

/**
 * Starts the local stand-ins of AWS, all on 127.0.0.1: DynamoDB Local, fauxqs (SQS and S3), cognito-local and
 * aws-ses-v2-local; then creates the table, the email queue with its dead-letter queue, the photo bucket, and the
 * user pool with its groups and app client, each only if missing.
 */
export async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  const ports: Ports = {
    dynamodb: options.ports?.dynamodb ?? (await freePort()),
    sqs: options.ports?.sqs ?? (await freePort()),
    cognito: options.ports?.cognito ?? (await freePort()),
    ses: options.ports?.ses ?? (await freePort()),
  };
  const fixed = Object.entries(options.ports ?? {}).filter(
    (entry): entry is [string, number] => entry[1] !== undefined,
  );
  await assertPortsFree(Object.fromEntries(fixed));
  const temporary = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'audition-me-'));
  const cognitoDir = options.dataDir ? join(options.dataDir, 'cognito') : (temporary as string);
  const dynamoDir = options.dataDir ? join(options.dataDir, 'dynamodb') : undefined;
  if (dynamoDir) mkdirSync(dynamoDir, { recursive: true });
  mkdirSync(cognitoDir, { recursive: true });

  const children: ChildProcess[] = [];
  let sqs: ReturnType<typeof buildFauxqs> | undefined;
  let ses: Server | undefined;
  const killChildren = () => children.forEach((child) => child.kill('SIGKILL'));
  process.once('exit', killChildren);
  const stop = async () => {
    process.off('exit', killChildren);
    await Promise.allSettled([
      ...children.map((child) => stopChild(child)),
      sqs?.close(),
      ses && new Promise((resolve) => ses?.close(resolve)),
    ]);
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  };

  try {
    const cognito = startCognitoLocal(ports.cognito, cognitoDir, options.log);
    children.push(cognito);
    const [dynamodb] = await Promise.all([
      startDynamoDbLocal(ports.dynamodb, dynamoDir),
      // fauxqs's own start function listens on 0.0.0.0; its app, started here, listens on loopback only. It serves
      // S3 too, with browser uploads (presigned POST) and CORS added (local/s3/presigned-post.ts).
      (sqs = withBrowserUploads(buildFauxqs({ logger: false }))).listen({ port: ports.sqs, host: '127.0.0.1' }),
      startSesServer({ host: '127.0.0.1', port: ports.ses }).then((server) => (ses = server)),
      waitForPort(ports.cognito, 'cognito-local', cognito),
    ]);
    children.push(dynamodb);

    const urls = {
      dynamodb: `http://127.0.0.1:${ports.dynamodb}`,
      sqs: `http://127.0.0.1:${ports.sqs}`,
      cognito: `http://127.0.0.1:${ports.cognito}`,
      ses: `http://127.0.0.1:${ports.ses}`,
    };
    const [tableName, queueUrls, pool] = await Promise.all([
      ensureTable({ endpoint: urls.dynamodb, region, credentials }),
      ensureQueues({ endpoint: urls.sqs, region, credentials }, options.queueVisibilityTimeoutSeconds),
      ensureUserPool({ endpoint: urls.cognito, region, credentials }),
    ]);
    const created = await sqs.inject({ method: 'PUT', url: `/${photoBucket}` });
    if (created.statusCode !== 200) throw new Error(`Could not create the local photo bucket: ${created.body}`);
    const resources = { tableName, ...queueUrls, ...pool, photoBucket };
    const env = {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: urls.dynamodb,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: urls.dynamodb,
      AWS_ENDPOINT_URL_SQS: urls.sqs,
      AWS_ENDPOINT_URL_S3: urls.sqs,
      AWS_ENDPOINT_URL_SESV2: urls.ses,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: urls.cognito,
      TABLE_NAME: resources.tableName,
      EMAIL_QUEUE_URL: resources.emailQueueUrl,
      USER_POOL_ID: resources.userPoolId,
      USER_POOL_CLIENT_ID: resources.userPoolClientId,
      SENDER_EMAIL: 'no-reply@audition-me.local',
      // A new key each start: search cursors from before a restart answer 400 invalid-cursor.
      SEARCH_CURSOR_KEY: randomBytes(32).toString('base64url'),
      WEB_BASE_URL: options.webUrl ?? defaultWebUrl,
      PHOTO_BUCKET: resources.photoBucket,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    };
    return { ports, urls, resources, cognitoDir, env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
