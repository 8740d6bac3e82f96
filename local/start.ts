import { join } from 'node:path';
import { startLocalSystem } from './system';

// `npm start`: the whole system on 127.0.0.1, state kept in .local-data/ between runs.
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const started = Date.now();
console.log('Starting Audition Me locally (DynamoDB Local, fauxqs, cognito-local, aws-ses-v2-local)…');

try {
  const system = await startLocalSystem({
    dataDir: process.env.AUDITION_ME_DATA_DIR ?? join(process.cwd(), '.local-data'),
    ports: {
      api: port('API_PORT', 3000),
      dynamodb: port('DYNAMODB_PORT', 8000),
      sqs: port('SQS_PORT', 9324),
      cognito: port('COGNITO_PORT', 9229),
      ses: port('SES_PORT', 8005),
    },
    queueVisibilityTimeoutSeconds: 30,
  });
  const { urls } = system.stack;
  console.log(`
Audition Me is running (started in ${((Date.now() - started) / 1000).toFixed(1)} s).
  API              ${system.apiUrl}
  Sent email       ${urls.ses}            (the local SES outbox: every email the mailer sends)
  DynamoDB Local   ${urls.dynamodb}
  SQS (fauxqs)     ${urls.sqs}
  Cognito (local)  ${urls.cognito}
  Sign-up codes    ${system.apiUrl}/__local/confirmation-code?email=YOU@EXAMPLE.COM
Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    system.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  console.error(`Could not start: ${(error as Error).message}`);
  process.exit(1);
}
