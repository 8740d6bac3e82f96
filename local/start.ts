import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { accountsTable, seedDemoWorld } from './seed';
import { startLocalSystem } from './system';
import { startWebServer } from './web-server';

// `npm start`: the whole system on 127.0.0.1, state kept in .local-data/ between runs.
// It runs as one process (`node --import tsx`, package.json), not under the tsx command: that command relays Ctrl-C
// to a child process and kills it outright (exit 130) unless the child acknowledges within 30 ms, which a busy
// machine misses; the shutdown below would then never run and DynamoDB Local and the rest would be left behind.
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const started = Date.now();
const sesSendRate = (value: string): { perSecond: number } | 'unlimited' => {
  if (value === 'unlimited') return value;
  const perSecond = Number(value);
  if (!Number.isFinite(perSecond) || perSecond <= 0)
    throw new Error('SES_MAX_SEND_RATE: a positive number or unlimited');
  return { perSecond };
};
const dataDir = process.env.AUDITION_ME_DATA_DIR ?? join(process.cwd(), '.local-data');
// A first start (no data yet) also creates the demo world, unless AUDITION_ME_SEED=false.
const firstStart = !existsSync(dataDir) || readdirSync(dataDir).length === 0;
const seed = firstStart && process.env.AUDITION_ME_SEED !== 'false';
console.log('Starting Audition Me locally (DynamoDB Local, fauxqs, cognito-local, aws-ses-v2-local)…');

const stops: (() => Promise<void>)[] = [];
let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  Promise.all(stops.map((stop) => stop())).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

try {
  const system = await startLocalSystem({
    dataDir,
    ports: {
      api: port('API_PORT', 3000),
      dynamodb: port('DYNAMODB_PORT', 8000),
      sqs: port('SQS_PORT', 9324),
      cognito: port('COGNITO_PORT', 9229),
      ses: port('SES_PORT', 8005),
    },
    // SES's rate as a new production account has it (14 emails a second), unless SES_MAX_SEND_RATE says otherwise
    // (a number, or `unlimited`); the mailer is configured with the same rate.
    sesSendRate: sesSendRate(process.env.SES_MAX_SEND_RATE ?? '14'),
    // The links in emails lead to the web UI started below.
    webUrl: `http://127.0.0.1:${port('WEB_PORT', 5173)}`,
  });
  stops.push(() => system.stop());
  const { urls } = system.stack;
  const web = await startWebServer({
    port: port('WEB_PORT', 5173),
    apiUrl: system.apiUrl,
    outboxUrl: urls.ses,
    photoStoreUrl: urls.sqs, // fauxqs serves S3 too
  });
  stops.push(() => web.stop());
  const world = seed
    ? await seedDemoWorld(system.apiUrl, (line) => console.log(`  seed: ${line}`), { printAccounts: false })
    : undefined;
  console.log(`
Audition Me is running (started in ${((Date.now() - started) / 1000).toFixed(1)} s).
  Web UI           ${web.url}
  API              ${system.apiUrl}
  Sent email       ${urls.ses}            (the local SES outbox: every email the mailer sends)
  DynamoDB Local   ${urls.dynamodb}
  SQS (fauxqs)     ${urls.sqs}
  S3 (fauxqs)      ${urls.sqs}/${system.stack.resources.photoBucket}   (photos: in memory, gone after a restart)
  Cognito (local)  ${urls.cognito}
  Sign-up codes    ${system.apiUrl}/__local/confirmation-code?email=YOU@EXAMPLE.COM
  Data             ${dataDir}`);
  if (world)
    console.log(`\n${accountsTable(world)}\n(Seeded on this first start; \`npm run seed\` seeds a running system.)`);
  console.log('Press Ctrl-C to stop.');
} catch (error) {
  console.error(`Could not start: ${(error as Error).message}`);
  await Promise.allSettled(stops.map((stop) => stop()));
  process.exit(1);
}
