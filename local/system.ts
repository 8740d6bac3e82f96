import type { Server } from 'node:http';
import { z } from 'zod';
import { NotFoundError } from '../src/domain/errors';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionDefinition, TopicName } from '../src/manifest';
import { functions, queues } from '../src/manifest';
import type { LocalStack, Ports } from './stack';
import { startLocalStack } from './stack';
import { loadHandler } from './runtime/handlers';
import type { HttpFunction } from './runtime/http-server';
import { startHttpServer } from './runtime/http-server';
import { RouteThrottles } from './runtime/route-throttle';
import type { Poller } from './runtime/sqs-poller';
import { startSqsPoller } from './runtime/sqs-poller';
import { startStreamPoller } from './runtime/stream-poller';
import { replayStreamFailures } from './runtime/stream-replay';
import type { ScheduledFunction, Scheduler } from './runtime/scheduler';
import { startScheduler } from './runtime/scheduler';
import type { TopicSubscriber } from './runtime/sns-topic';
import { publishLocally } from './runtime/sns-topic';
import { freePort } from './processes';
import { documentClient } from '../src/adapters/dynamodb/document-client';
import { emailQueueClient } from '../src/adapters/sqs/email-queue';
import { sesClient } from '../src/adapters/ses/ses-email-sender';
import { cognitoClient } from '../src/adapters/cognito/identity-provider';
import { s3Client } from '../src/adapters/s3/photo-objects';
import { visibilityTimeoutSeconds } from '../infra/event-source-settings';
import { localRequestBody } from './runtime/local-request';
import { enforcePermissions, invokedFunction } from './runtime/invocation';
import type { ThroughputLimits } from './runtime/throughput';
import {
  baseTable,
  deployedLimits,
  meterClient,
  ThroughputMeter,
  throughputRefusal,
  uniformLimits,
} from './runtime/throughput';
import type { SesRateLimit } from './runtime/ses-rate';
import { limitSendRate, SesSendRate, unlimitedMailerRate } from './runtime/ses-rate';

/** The body of `POST /__local/schedules/{name}`: when the run happens (default: now). */
const scheduleRunRequest = z.strictObject({
  time: z.iso.datetime({ offset: true }).optional().describe('The instant the scheduled event carries.'),
});

/**
 * The body of `PUT /__local/faults`: until `DELETE /__local/faults`, a DynamoDB write made by a stream consumer
 * (or, with `byAnyFunction`, by any function) whose request mentions every one of these strings is refused: as if
 * DynamoDB failed it (a test's poisoned record), or, with `asThrottling`, as DynamoDB refuses a write beyond the
 * provisioned throughput (a test's table that refuses some writes for a while, and only those).
 */
const faultRequest = z.strictObject({
  streamWritesMentioning: z.array(z.string().min(1)).min(1).describe('Strings the refused write request contains.'),
  byAnyFunction: z.boolean().optional().describe('Refuse these writes whichever function makes them.'),
  asThrottling: z.boolean().optional().describe('Refuse them for throughput, not as a failure.'),
});

/** The body of `PUT /__local/throughput`: the same capacity for the table and every index, and the burst window. */
const throughputRequest = z.strictObject({
  read: z.number().positive().describe('Read units a second, for the table and for each index.'),
  write: z.number().positive().describe('Write units a second, for the table and for each index.'),
  burstSeconds: z.number().min(0).max(300).optional().describe('Seconds of unused capacity kept (default 300).'),
});

/** The body of `PUT /__local/route-throttling`: whether the manifest's route throttles apply. */
const routeThrottlingRequest = z.strictObject({
  enforced: z.boolean().describe('True: a route with a throttle answers 429 beyond it, as API Gateway does.'),
});

/** The body of `PUT /__local/ses-rate`: SES's maximum send rate, and the rate the mailer is configured with. */
const sesRateRequest = z.strictObject({
  perSecond: z.number().positive().describe('Emails a second the local SES accepts.'),
  burst: z.number().min(1).optional().describe("Sends it accepts at once after a pause (default: one second's)."),
  mailerRate: z
    .number()
    .positive()
    .optional()
    .describe('The rate the mailer is configured with (SES_MAX_SEND_RATE); by default the same.'),
});

export interface SystemOptions {
  readonly dataDir?: string;
  readonly ports?: Partial<Ports & { api: number }>;
  /** The email queue's visibility timeout; by default the stack's (six times the mailer's timeout). */
  readonly queueVisibilityTimeoutSeconds?: number;
  /**
   * DynamoDB's provisioned throughput, enforced on the functions' calls: the deployed figures by default,
   * `'unmetered'` for none (DynamoDB Local's own behaviour). `PUT /__local/throughput` changes it while running.
   */
  readonly throughput?: ThroughputLimits | 'unmetered';
  /**
   * SES's maximum send rate, enforced on the mailer's sends and given to it as SES_MAX_SEND_RATE: none by default
   * (aws-ses-v2-local's own behaviour; `npm start` sets one). `PUT /__local/ses-rate` changes it while running.
   */
  readonly sesSendRate?: SesRateLimit | 'unlimited';
  /**
   * The manifest's route throttles (the auth routes'), as API Gateway applies them: enforced by default, `'off'`
   * for a test stack whose files sign up hundreds of users. `PUT /__local/route-throttling` changes it while running.
   */
  readonly routeThrottling?: 'enforced' | 'off';
  readonly log?: (line: string) => void;
  /** The web UI's base URL, for the links in emails (start the web server on that port). */
  readonly webUrl?: string;
}

export interface LocalSystem {
  readonly apiUrl: string;
  readonly stack: LocalStack;
  readonly scheduler: Scheduler;
  /** The capacity meter of the functions' DynamoDB calls (its listeners see every call's units). */
  readonly throughput: ThroughputMeter;
  /**
   * Resolves once the event sources are quiet: every poller (the stream consumer, the mailer's queue) has found
   * nothing to deliver in a poll that began after this call, twice over (mail sent can feed the stream again).
   */
  settled(timeoutMs?: number): Promise<void>;
  /** The code cognito-local would have emailed to confirm this address, if any. */
  confirmationCode(email: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

/**
 * Reads the sign-up code for an address from cognito-local's state file. cognito-local rewrites that file in
 * place without truncating first, so a read can catch it half-written (then it reads again) or a complete
 * document followed by the tail of a longer old one (then the document is read and the tail ignored).
 */
async function readConfirmationCode(stack: LocalStack, email: string): Promise<string | undefined> {
  const file = join(stack.cognitoDir, '.cognito', 'db', `${stack.resources.userPoolId}.json`);
  for (let attempt = 1; ; attempt++) {
    try {
      return codeIn(parseLeadingJson(readFileSync(file, 'utf8')), email);
    } catch (error) {
      if (!(error instanceof SyntaxError) || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** How many emails cognito-local has sent to an address (as recorded by local/cognito/record-sent-emails.cjs). */
function cognitoEmailsTo(stack: LocalStack, email: string): number {
  const file = join(stack.cognitoDir, '.cognito', 'sent-emails.jsonl');
  if (!existsSync(file)) return 0;
  const address = email.toLowerCase();
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{') && line.endsWith('}'))
    .filter((line) => (JSON.parse(line) as { to: string }).to.toLowerCase() === address).length;
}

function parseLeadingJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const end = /after JSON at position (\d+)/.exec((error as Error).message)?.[1];
    if (end === undefined) throw error;
    return JSON.parse(text.slice(0, Number(end)));
  }
}

function codeIn(json: unknown, email: string): string | undefined {
  const state = json as {
    Users?: Record<string, { ConfirmationCode?: string; Attributes?: { Name: string; Value: string }[] }>;
  };
  const user = Object.values(state.Users ?? {}).find((u) =>
    u.Attributes?.some((a) => a.Name === 'email' && a.Value === email.toLowerCase()),
  );
  return user?.ConfirmationCode;
}

/**
 * The whole system on this machine: the local AWS stand-ins, and every function of the manifest wired to its
 * trigger exactly as AWS would call it (HTTP API + authorizer, SQS, DynamoDB stream, schedule).
 */
export async function startLocalSystem(options: SystemOptions = {}): Promise<LocalSystem> {
  const log = options.log ?? ((line: string) => console.log(line));
  const stack = await startLocalStack({
    dataDir: options.dataDir,
    ports: options.ports,
    queueVisibilityTimeoutSeconds:
      options.queueVisibilityTimeoutSeconds ?? visibilityTimeoutSeconds(queues.email.name, functions),
    log,
    webUrl: options.webUrl,
  });
  // Functions read their configuration from the environment, as in Lambda.
  Object.assign(process.env, stack.env);

  const loaded = await Promise.all(
    functions.map(async (definition: FunctionDefinition) => ({ definition, handler: await loadHandler(definition) })),
  );
  // Every DynamoDB operation the functions issue is counted, so tests can prove that no request path Scans.
  const dynamoDbCommands = new Map<string, number>();
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      dynamoDbCommands.set(name, (dynamoDbCommands.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'localCommandAudit' },
  );
  // A test's injected fault: stream consumers' (or all functions') writes mentioning all of these strings fail.
  let refusedWrites: z.infer<typeof faultRequest> | undefined;
  let refusedWriteCount = 0;
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      const fn = invokedFunction();
      const command = context.commandName ?? '';
      if (
        refusedWrites &&
        fn &&
        (refusedWrites.byAnyFunction || fn.trigger.kind === 'dynamodb-stream') &&
        /^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(command)
      ) {
        const request = JSON.stringify(args.input);
        if (refusedWrites.streamWritesMentioning.every((s) => request.includes(s))) {
          refusedWriteCount += 1;
          if (refusedWrites.asThrottling) {
            const operation = command.startsWith('TransactWrite') ? 'TransactWriteItems' : 'PutItem';
            throw throughputRefusal(operation, args.input as Record<string, unknown>, [baseTable]);
          }
          throw Object.assign(new Error(`Injected fault: ${command} of ${fn.name} refused`), {
            name: 'InternalServerError',
          });
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'localInjectedFault' },
  );
  // What AWS enforces and DynamoDB Local and the other stand-ins do not: provisioned throughput, and each
  // function's permissions (a call outside them fails here, not first in production).
  const startLimits = options.throughput === 'unmetered' ? undefined : (options.throughput ?? deployedLimits());
  const throughput = new ThroughputMeter(startLimits);
  meterClient(documentClient(), throughput);
  const startSesRate = options.sesSendRate === 'unlimited' ? undefined : options.sesSendRate;
  const sesRate = new SesSendRate(startSesRate);
  limitSendRate(sesClient(), sesRate);
  // The mailer reads its rate at each invocation, so a change here applies to the next one.
  // The stack's environment too: a test that calls the mailer's handler itself gives it that environment.
  const configureMailerRate = (rate: number | undefined) => {
    process.env.SES_MAX_SEND_RATE = String(rate ?? unlimitedMailerRate);
    stack.env.SES_MAX_SEND_RATE = process.env.SES_MAX_SEND_RATE;
  };
  configureMailerRate(startSesRate?.perSecond);
  const resources = () => stack.resources;
  for (const client of [documentClient(), emailQueueClient(), sesClient(), cognitoClient(), s3Client()]) {
    enforcePermissions(client, resources);
  }
  const httpFunctions: HttpFunction[] = [];
  const scheduled: ScheduledFunction[] = [];
  const pollers: Poller[] = [];
  const subscribers = new Map<TopicName, TopicSubscriber[]>();
  let authorizer: (typeof loaded)[number] | undefined;
  for (const fn of loaded) {
    const trigger = fn.definition.trigger;
    switch (trigger.kind) {
      case 'http':
        httpFunctions.push({ ...fn, route: trigger.route });
        break;
      case 'authorizer':
        authorizer = fn;
        break;
      case 'schedule':
        scheduled.push({ ...fn, everyMinutes: trigger.everyMinutes });
        break;
      case 'sqs': {
        const queueUrl = trigger.queue === queues.email.name ? stack.resources.emailQueueUrl : undefined;
        if (!queueUrl) throw new Error(`No local queue for ${trigger.queue}`);
        pollers.push(startSqsPoller({ ...fn, queueUrl, batchSize: trigger.batchSize, log }));
        break;
      }
      case 'sns':
        subscribers.set(trigger.topic, [...(subscribers.get(trigger.topic) ?? []), fn]);
        break;
      case 'dynamodb-stream':
        pollers.push(
          startStreamPoller({
            ...fn,
            tableName: stack.resources.tableName,
            batchSize: trigger.batchSize,
            failureQueueUrl: stack.resources.streamFailureQueueUrls[fn.definition.name],
            log,
          }),
        );
        break;
    }
  }
  if (!authorizer) throw new Error('The manifest has no authorizer');
  const scheduler = startScheduler(scheduled, log);
  const apiPort = options.ports?.api ?? (await freePort());
  const throttles = new RouteThrottles(options.routeThrottling !== 'off');
  let server: Server | undefined;
  const stop = async () => {
    scheduler.stop();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await Promise.all(pollers.map((p) => p.stop()));
    await stack.stop();
  };
  try {
    server = await startHttpServer({
      port: apiPort,
      routes: httpFunctions,
      authorizer,
      throttles,
      localEndpoints: async (request, body) => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const schedule = /^\/__local\/schedules\/([\w-]+)$/.exec(url.pathname);
        if (schedule?.[1] && request.method === 'POST') {
          const name = schedule[1];
          if (!scheduled.some((fn) => fn.definition.name === name)) {
            throw new NotFoundError(`No schedule function named ${name}.`);
          }
          const { time } = localRequestBody(body, scheduleRunRequest);
          return { status: 200, body: (await scheduler.run(name, time ? new Date(time) : undefined)) ?? null };
        }
        if (url.pathname === '/__local/confirmation-code' && request.method === 'GET') {
          const code = await readConfirmationCode(stack, url.searchParams.get('email') ?? '');
          return code ? { status: 200, body: { code } } : { status: 404, body: { message: 'No code for that email' } };
        }
        if (url.pathname === '/__local/cognito-emails' && request.method === 'GET') {
          return { status: 200, body: { count: cognitoEmailsTo(stack, url.searchParams.get('email') ?? '') } };
        }
        if (url.pathname === '/__local/dynamodb-commands') {
          const counts = Object.fromEntries(dynamoDbCommands);
          if (request.method === 'DELETE') dynamoDbCommands.clear();
          return { status: 200, body: counts };
        }
        const replay = /^\/__local\/stream-failures\/([\w-]+)\/replay$/.exec(url.pathname);
        if (replay?.[1] && request.method === 'POST') {
          const fn = loaded.find(({ definition }) => definition.name === replay[1]);
          const failureQueueUrl = stack.resources.streamFailureQueueUrls[replay[1]];
          if (!fn || !failureQueueUrl) throw new NotFoundError(`No stream consumer named ${replay[1]}.`);
          return { status: 200, body: await replayStreamFailures({ ...fn, failureQueueUrl }) };
        }
        if (url.pathname === '/__local/faults') {
          if (request.method === 'PUT') {
            refusedWrites = localRequestBody(body, faultRequest);
            refusedWriteCount = 0;
          }
          if (request.method === 'DELETE') refusedWrites = undefined;
          const streamWritesMentioning = refusedWrites?.streamWritesMentioning ?? [];
          return { status: 200, body: { streamWritesMentioning, refused: refusedWriteCount } };
        }
        if (url.pathname === '/__local/throughput') {
          if (request.method === 'PUT') {
            const { read, write, burstSeconds } = localRequestBody(body, throughputRequest);
            throughput.setLimits(uniformLimits({ read, write }, burstSeconds));
          }
          if (request.method === 'DELETE') throughput.setLimits(startLimits);
          return { status: 200, body: { limits: throughput.limits ?? 'unmetered' } };
        }
        if (url.pathname === '/__local/ses-feedback' && request.method === 'POST') {
          // SES's bounce or complaint notification (the body), as SES would publish it: the local SES never bounces.
          const topic: TopicName = 'ses-feedback';
          return {
            status: 200,
            body: await publishLocally(subscribers.get(topic) ?? [], topic, body.toString('utf8')),
          };
        }
        if (url.pathname === '/__local/route-throttling') {
          if (request.method === 'PUT') throttles.setEnforced(localRequestBody(body, routeThrottlingRequest).enforced);
          return { status: 200, body: { enforced: throttles.enforced } };
        }
        if (url.pathname === '/__local/settled' && request.method === 'POST') {
          // Answers once the stream consumers and the queue pollers have nothing left to do (as `settled()`).
          await settledWithin(60_000);
          return { status: 204, body: null };
        }
        if (url.pathname === '/__local/ses-rate') {
          if (request.method === 'PUT') {
            const { perSecond, burst, mailerRate } = localRequestBody(body, sesRateRequest);
            sesRate.setLimit({ perSecond, ...(burst ? { burst } : {}) });
            configureMailerRate(mailerRate ?? perSecond);
          }
          if (request.method === 'DELETE') {
            sesRate.setLimit(startSesRate);
            configureMailerRate(startSesRate?.perSecond);
          }
          const { limit, accepted, refused } = sesRate;
          return {
            status: 200,
            body: { limit: limit ?? 'unlimited', accepted, refused, mailerRate: Number(process.env.SES_MAX_SEND_RATE) },
          };
        }
        if (url.pathname === '/__local/health') return { status: 200, body: { ok: true } };
        return undefined;
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const quietSince = async (since: number, deadline: number) => {
    while (
      Date.now() < deadline &&
      !pollers.every((p) => !p.activity().busy && p.activity().lastEmptyPollStart > since)
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  async function settledWithin(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    await quietSince(Date.now(), deadline);
    await quietSince(Date.now(), deadline);
  }
  return {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    settled: (timeoutMs = 60_000) => settledWithin(timeoutMs),
    stack,
    scheduler,
    throughput,
    confirmationCode: (email) => readConfirmationCode(stack, email),
    stop,
  };
}
