import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { SendMessageCommandInput } from '@aws-sdk/client-sqs';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { documentClient } from '../../src/adapters/dynamodb/document-client';
import { keys } from '../../src/adapters/dynamodb/keys';
import { dynamoSentEmailLedger } from '../../src/adapters/dynamodb/sent-email-ledger';
import { sesClient } from '../../src/adapters/ses/ses-email-sender';
import { emailQueueClient } from '../../src/adapters/sqs/email-queue';
import { lockSeconds } from '../../src/domain/email-delivery';
import type { Notification } from '../../src/domain/notifications';
import type { HttpEvent, HttpHandler } from '../../src/functions/http/handler';
import { handler as mailer } from '../../src/functions/mailer';
import { handler as meGet } from '../../src/functions/me-get';
import { handler as performanceGet } from '../../src/functions/performance-get';
import { handler as performanceSearch } from '../../src/functions/performance-search';
import { handler as castingCreate } from '../../src/functions/casting-create';
import { handler as castingUndo } from '../../src/functions/casting-undo';
import { handler as signUpCreate } from '../../src/functions/signup-create';
import { handler as signUpWithdraw } from '../../src/functions/signup-withdraw';
import { handler as tableStream } from '../../src/functions/table-stream';
import type { EmailMessage } from '../../src/schemas/email-message';
import type { FunctionName } from '../../src/manifest';
import { functionNamed } from '../../src/manifest';
import { lambdaContext } from '../../local/runtime/handlers';
import { sqsEvent } from '../support/sqs-event';
import { api, signedUpUser } from '../support/api';
import { createPerformance } from '../support/fixtures';
import { emailsTo, eventually, sentEmails } from '../support/outbox';

/**
 * Faults injected with SDK middleware on this process's clients (the handlers are called here, directly, as
 * Lambda would call them), and a race for the last places of a slot through the local API. Every middleware is
 * removed in `finally`: the clients are process-wide singletons.
 */

/** The Lambda context of one invocation of the named function, as the local runtime builds it. */
const contextOf = (name: FunctionName) => lambdaContext(functionNamed(name));

type Client = { middlewareStack: { add: (...args: never[]) => void; remove: (name: string) => boolean } };

/**
 * Runs `work` with a middleware on `client` (an SDK client) that throws `fault()` for the calls `failing` picks:
 * it gets the command name, the command's input and how many calls the middleware has seen.
 */
async function withFault<T>(
  client: unknown,
  failing: (command: string, input: Record<string, unknown>, callNumber: number) => boolean,
  fault: () => Error,
  work: () => Promise<T>,
): Promise<T> {
  const stack = (client as Client).middlewareStack;
  let calls = 0;
  const middleware =
    (next: (args: { input: Record<string, unknown> }) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: { input: Record<string, unknown> }) => {
      calls += 1;
      if (failing(context.commandName ?? '', args.input, calls)) throw fault();
      return next(args);
    };
  (stack.add as (m: unknown, o: unknown) => void)(middleware, { step: 'initialize', name: 'injectedFault' });
  try {
    return await work();
  } finally {
    stack.remove('injectedFault');
  }
}

const named = (name: string, message = 'injected fault') => Object.assign(new Error(message), { name });

const emailTo = (address: string): EmailMessage => ({
  idempotencyKey: randomUUID(),
  to: [address],
  subject: `Fault test ${randomUUID()}`,
  text: 'Hello',
});
const address = () => `fault-${randomUUID()}@example.com`;

/**
 * Runs `work` while the email queue's SendMessage calls (the mailer's put-backs) are kept here instead of sent,
 * so the local system's own mailer does not deliver them; returns them with `work`'s result.
 */
async function withPutBacksCaptured<T>(
  work: () => Promise<T>,
): Promise<{ result: T; putBacks: SendMessageCommandInput[] }> {
  const stack = (emailQueueClient() as unknown as Client).middlewareStack;
  const putBacks: SendMessageCommandInput[] = [];
  const capture =
    (next: (args: { input: Record<string, unknown> }) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: { input: Record<string, unknown> }) => {
      if (context.commandName !== 'SendMessageCommand') return next(args);
      putBacks.push(args.input as unknown as SendMessageCommandInput);
      return { output: { MessageId: randomUUID(), $metadata: {} }, response: {} };
    };
  (stack.add as (m: unknown, o: unknown) => void)(capture, { step: 'initialize', name: 'capturePutBacks' });
  try {
    return { result: await work(), putBacks };
  } finally {
    stack.remove('capturePutBacks');
  }
}

/** The event delivering a put-back message, with its message attributes, as Lambda would. */
function putBackEvent(input: SendMessageCommandInput) {
  const event = sqsEvent(input.MessageBody ?? '');
  const attributes = Object.entries(input.MessageAttributes ?? {}).map(([name, value]) => [
    name,
    { stringValue: value.StringValue, dataType: 'String' },
  ]);
  event.Records[0]!.messageAttributes = Object.fromEntries(attributes);
  return event;
}

function apiEvent(
  route: string,
  options: {
    caller: { sub: string; email: string; role: string };
    path?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
  },
): HttpEvent {
  const [method = 'GET', rawPath = '/'] = route.split(' ');
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: route,
    rawPath,
    rawQueryString: new URLSearchParams(options.query).toString(),
    headers: { 'content-type': 'application/json' },
    queryStringParameters: options.query,
    pathParameters: options.path,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'faults',
      domainName: 'local',
      domainPrefix: 'local',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'faults' },
      requestId: randomUUID(),
      routeKey: route,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      authorizer: { lambda: { authenticated: true, exp: Math.floor(now / 1000) + 600, ...options.caller } },
    },
  } as HttpEvent;
}

async function expectBusy(handler: HttpHandler, event: HttpEvent) {
  const result = await handler(event);
  expect(result.statusCode, result.body).toBe(503);
  expect(result.headers?.['content-type']).toBe('application/problem+json');
  expect(Number(result.headers?.['retry-after'])).toBeGreaterThan(0);
  expect(JSON.parse(result.body ?? '{}')).toMatchObject({ status: 503, code: 'service-unavailable' });
}

const queueIsEmpty = async () => {
  const { Attributes: a } = await new SQSClient({ useQueueUrlAsEndpoint: false }).send(
    new GetQueueAttributesCommand({ QueueUrl: inject('env').EMAIL_QUEUE_URL, AttributeNames: ['All'] }),
  );
  return a?.ApproximateNumberOfMessages === '0' && a.ApproximateNumberOfMessagesNotVisible === '0';
};

describe('the mailer when SES or the mailer itself fails', () => {
  it('reports a transient SES failure as a batch item failure; the retry sends once', async () => {
    const to = address();
    const event = sqsEvent(JSON.stringify(emailTo(to)));
    const first = await withFault(
      sesClient(),
      (command, _input, call) => command === 'SendEmailCommand' && call === 1,
      // Not throttling: the mailer retries a throttled send itself (test/integration/mailer-rate.test.ts).
      () => named('ServiceUnavailable', 'Service unavailable'),
      () => mailer(event, contextOf('mailer')),
    );
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]?.messageId }]);
    expect(await emailsTo(to)).toHaveLength(0);

    // SQS delivers the message again after the visibility timeout; this time SES accepts it.
    expect((await mailer(event, contextOf('mailer'))).batchItemFailures).toEqual([]);
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it('sends once when the mailer dies after sending, before SQS deleted the message', async () => {
    const to = address();
    const event = sqsEvent(JSON.stringify(emailTo(to)));
    expect((await mailer(event, contextOf('mailer'))).batchItemFailures).toEqual([]);
    // The crash: the message was never deleted, so SQS hands the same record over again.
    expect((await mailer(event, contextOf('mailer'))).batchItemFailures).toEqual([]);
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it('counts an email SES accepted but the table would not record as sent, and puts its key back to be recorded', async () => {
    const to = address();
    const event = sqsEvent(JSON.stringify(emailTo(to)));
    // SES accepts the email, then every write recording it is throttled (the record is tried again, and refused).
    const { result: first, putBacks } = await withPutBacksCaptured(() =>
      withFault(
        documentClient(),
        (command) => command === 'UpdateItemCommand',
        () => named('ProvisionedThroughputExceededException'),
        () => mailer(event, contextOf('mailer')),
      ),
    );
    expect(first.batchItemFailures).toEqual([]);
    expect(await emailsTo(to)).toHaveLength(1);
    // The key goes back on the queue marked "sent, record only".
    expect(putBacks).toHaveLength(1);
    expect(putBacks[0]?.MessageAttributes?.sentUnrecorded?.StringValue).toBe('0');

    // A second copy of the message (the relay queues at least once) meets the claim, still held: it goes back on
    // the queue after the claim's time instead of failing, and sends nothing.
    const { result: copy, putBacks: copyPutBacks } = await withPutBacksCaptured(() =>
      mailer(sqsEvent(event.Records[0]!.body), contextOf('mailer')),
    );
    expect(copy.batchItemFailures).toEqual([]);
    expect(copyPutBacks.map((p) => p.DelaySeconds)).toEqual([60]);
    expect(copyPutBacks[0]?.MessageAttributes?.sentUnrecorded).toBeUndefined();

    // The marked put-back only records the key; after it, the copy is a duplicate.
    expect((await mailer(putBackEvent(putBacks[0]!), contextOf('mailer'))).batchItemFailures).toEqual([]);
    const again = await withPutBacksCaptured(() => mailer(putBackEvent(copyPutBacks[0]!), contextOf('mailer')));
    expect(again.result.batchItemFailures).toEqual([]);
    expect(again.putBacks).toEqual([]);
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it('does not send again while a crashed attempt holds the key: the message waits on the queue, not failed', async () => {
    const to = address();
    const message = emailTo(to);
    // An attempt claimed the key two minutes ago and died (or sent and could not record it): its claim is held.
    const claimedAt = new Date(Date.now() - 120_000);
    const ledger = dynamoSentEmailLedger(inject('env').TABLE_NAME as string);
    expect(
      await ledger.claim(message.idempotencyKey, claimedAt, new Date(claimedAt.getTime() + lockSeconds * 1000)),
    ).toBe('claimed');
    const { result, putBacks } = await withPutBacksCaptured(() =>
      mailer(sqsEvent(JSON.stringify(message)), contextOf('mailer')),
    );
    expect(result.batchItemFailures).toEqual([]);
    // The claim's attempt is over: the message waits for the claim's lock, in SQS's longest delay.
    expect(putBacks.map((p) => [p.DelaySeconds, JSON.parse(p.MessageBody ?? '{}').idempotencyKey])).toEqual([
      [900, message.idempotencyKey],
    ]);
    expect(await emailsTo(to)).toHaveLength(0);
  });

  it('puts a message whose claim the table throttles back on the queue after a pause, instead of failing it', async () => {
    const to = address();
    const event = sqsEvent(JSON.stringify(emailTo(to)));
    const { result, putBacks } = await withPutBacksCaptured(() =>
      withFault(
        documentClient(),
        (command) => command === 'PutItemCommand',
        () => named('ProvisionedThroughputExceededException'),
        () => mailer(event, contextOf('mailer')),
      ),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(await emailsTo(to)).toHaveLength(0);
    expect(putBacks.map((p) => [p.DelaySeconds, p.MessageAttributes?.throttledDeliveries?.StringValue])).toEqual([
      [2, '1'],
    ]);
    // When the table has capacity again, the put-back sends it, once.
    expect((await mailer(putBackEvent(putBacks[0]!), contextOf('mailer'))).batchItemFailures).toEqual([]);
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it('puts a message back when the suppression list stays unreadable (batchGet leaves every key unprocessed)', async () => {
    const to = address();
    const event = sqsEvent(JSON.stringify(emailTo(to)));
    const stack = (documentClient() as unknown as Client).middlewareStack;
    const unprocessed =
      (next: (args: { input: Record<string, unknown> }) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: { input: Record<string, unknown> }) =>
        context.commandName === 'BatchGetItemCommand'
          ? { output: { Responses: {}, UnprocessedKeys: args.input.RequestItems, $metadata: {} }, response: {} }
          : next(args);
    (stack.add as (m: unknown, o: unknown) => void)(unprocessed, { step: 'initialize', name: 'allUnprocessed' });
    const { result, putBacks } = await withPutBacksCaptured(() => mailer(event, contextOf('mailer'))).finally(() =>
      stack.remove('allUnprocessed'),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(putBacks.map((p) => p.DelaySeconds)).toEqual([2]);
    expect(await emailsTo(to)).toHaveLength(0);
  });

  it('retries only the message that failed; the rest of the batch is sent once', async () => {
    const [good, bad] = [address(), address()];
    const event = sqsEvent(JSON.stringify(emailTo(good)), JSON.stringify(emailTo(bad)));
    const result = await withFault(
      sesClient(),
      (command, input) =>
        command === 'SendEmailCommand' &&
        ((input.Destination as { ToAddresses?: string[] } | undefined)?.ToAddresses ?? []).includes(bad),
      () => named('ServiceUnavailable'),
      () => mailer(event, contextOf('mailer')),
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1]?.messageId }]);
    // Lambda returns only the failed record to the queue; its redelivery sends it, and the other stays sent once.
    expect((await mailer({ Records: event.Records.slice(1) }, contextOf('mailer'))).batchItemFailures).toEqual([]);
    expect(await emailsTo(good)).toHaveLength(1);
    expect(await emailsTo(bad)).toHaveLength(1);
  });
});

describe('the outbox relay when it crashes', () => {
  function outboxInsert(notification: Notification): DynamoDBStreamEvent {
    const outboxId = randomUUID();
    const createdAt = new Date().toISOString();
    const item = { ...keys.outbox(outboxId), type: 'Outbox', outboxId, notification, createdAt };
    return {
      Records: [
        {
          eventID: randomUUID(),
          eventName: 'INSERT',
          eventVersion: '1.1',
          eventSource: 'aws:dynamodb',
          awsRegion: 'us-east-1',
          eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/audition-me/stream/test',
          dynamodb: {
            ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
            Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
            NewImage: marshall(item, { removeUndefinedValues: true }) as never,
            SequenceNumber: String(Date.now()),
            SizeBytes: 1000,
            StreamViewType: 'NEW_AND_OLD_IMAGES',
          },
        },
      ],
    };
  }

  it('loses nothing and sends nothing twice: the queue refuses once, then the batch is delivered twice', async () => {
    const to = address();
    const event = outboxInsert({
      kind: 'cast',
      to: { name: 'Bo Park', email: to, timeZone: 'Europe/London' },
      character: 'Ophelia',
      characters: ['Ophelia'],
      signUpId: randomUUID(),
      performance: {
        performanceId: 'fault-test',
        title: 'Hamlet',
        venue: {
          name: 'The Globe',
          address: '21 New Globe Walk',
          city: 'London',
          country: 'GB',
          timeZone: 'Europe/London',
        },
        director: { name: 'Ann Director', email: 'ann.director@example.com' },
      },
      slot: {
        slotId: 's1',
        startsAt: '2030-05-01T09:00:00.000Z',
        durationMinutes: 30,
        location: { name: 'The Globe', address: '21 New Globe Walk' },
      },
    });
    // The relay crashes: SQS is unavailable, the handler throws and the stream keeps the batch.
    await expect(
      withFault(
        emailQueueClient(),
        (command) => command === 'SendMessageBatchCommand',
        () => named('ServiceUnavailable', 'SQS is unavailable'),
        () => tableStream(event, contextOf('table-stream')),
      ),
    ).rejects.toThrow(/unavailable/);
    // The stream delivers the batch again: the relay queues the email. A third delivery (a retry after a crash
    // that came after queueing) queues it once more; the mailer's idempotency key drops the copy.
    await tableStream(event, contextOf('table-stream'));
    await tableStream(event, contextOf('table-stream'));
    await eventually(
      () => emailsTo(to),
      (emails) => emails.length >= 1,
    );
    await eventually(queueIsEmpty, Boolean);
    const emails = await emailsTo(to);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toBe('You have been cast as Ophelia in Hamlet');
  });
});

describe('a throttled table', () => {
  const throttled = () =>
    named('ProvisionedThroughputExceededException', 'The level of configured provisioned throughput was exceeded');

  it('answers 503 problem+json with Retry-After, never 500, on reads and writes', async () => {
    const [director, performer] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]);
    const created = await createPerformance(director.token, {
      slots: [{ start: '2031-03-01T10:00', durationMinutes: 30, capacity: 5 }],
    });
    const caller = { sub: performer.userId, email: performer.email, role: 'performer' };
    const everyCall = () => true;
    await withFault(documentClient(), everyCall, throttled, async () => {
      await expectBusy(meGet, apiEvent('GET /me', { caller }));
      await expectBusy(
        performanceGet,
        apiEvent('GET /performances/{performanceId}', { caller, path: { performanceId: created.performanceId } }),
      );
      await expectBusy(performanceSearch, apiEvent('GET /performances', { caller, query: { q: 'hamlet' } }));
    });

    // A transaction DynamoDB cancels for throughput (not for a condition or a conflict) is busy too.
    const signUp = apiEvent('POST /performances/{performanceId}/signup', {
      caller,
      path: { performanceId: created.performanceId },
      body: { slotId: created.slots[0]?.slotId, characterIds: [created.characters[0]?.characterId] },
    });
    await withFault(
      documentClient(),
      (command) => command === 'TransactWriteItemsCommand',
      () =>
        new TransactionCanceledException({
          message:
            'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ThrottlingError]',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }, { Code: 'None' }],
        }),
      () => expectBusy(signUpCreate, signUp),
    );
    await withFault(
      documentClient(),
      (command) => command === 'TransactWriteItemsCommand',
      throttled,
      () => expectBusy(signUpCreate, signUp),
    );

    // Once the table has capacity again the same request succeeds.
    expect((await signUpCreate(signUp)).statusCode).toBe(201);
  });
  it('answers 503, not 404 or 409, when reading the sign-up to withdraw, cast or uncast is throttled', async () => {
    const [director, performer] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]);
    const created = await createPerformance(director.token, {
      slots: [{ start: '2031-03-01T10:00', durationMinutes: 30, capacity: 5 }],
    });
    const path = { performanceId: created.performanceId };
    const signedUp = await api('POST', `/performances/${created.performanceId}/signup`, {
      token: performer.token,
      body: { slotId: created.slots[0]?.slotId, characterIds: [created.characters[0]?.characterId] },
    });
    expect(signedUp.status).toBe(201);
    const performerCaller = { sub: performer.userId, email: performer.email, role: 'performer' };
    const directorCaller = { sub: director.userId, email: director.email, role: 'director' };
    const readsSignUp = (command: string, input: Record<string, unknown>) =>
      command.startsWith('Get') && JSON.stringify(input.Key ?? {}).includes('SIGNUP#');
    await withFault(documentClient(), readsSignUp, throttled, async () => {
      await expectBusy(
        signUpWithdraw,
        apiEvent('DELETE /performances/{performanceId}/signup', { caller: performerCaller, path }),
      );
      await expectBusy(
        castingCreate,
        apiEvent('POST /performances/{performanceId}/castings', {
          caller: directorCaller,
          path,
          body: { performerId: performer.userId, characterId: created.characters[0]?.characterId },
        }),
      );
      await expectBusy(
        castingUndo,
        apiEvent('DELETE /performances/{performanceId}/castings/{performerId}', {
          caller: directorCaller,
          path: { ...path, performerId: performer.userId },
        }),
      );
    });
  });
});

describe('the last places of a slot', () => {
  it('lets exactly 10 of 200 simultaneous sign-ups take 10 places; the rest get 409 slot-full', async () => {
    // A sign-up that meets heavy contention may be answered 503 (busy) with Retry-After; like the web client, a
    // performer then tries again, so every one of the 200 ends with a definite answer.
    const signUpUntilAnswered = async (token: string, body: unknown) => {
      for (let attempt = 1; ; attempt++) {
        const response = await api('POST', `/performances/${created.performanceId}/signup`, { token, body });
        if (response.status !== 503 || attempt >= 10) return response;
        expect((response.body as { code?: string }).code).toBe('service-unavailable');
        const retryAfter = Number(response.headers.get('retry-after') ?? 1);
        await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter, 2) * 1000 * Math.random()));
      }
    };
    const director = await signedUpUser('director');
    const created = await createPerformance(director.token, {
      slots: [{ start: '2031-04-01T10:00', durationMinutes: 60, capacity: 10 }],
    });
    const performers: Awaited<ReturnType<typeof signedUpUser>>[] = [];
    for (let i = 0; i < 200; i += 20) {
      performers.push(...(await Promise.all(Array.from({ length: 20 }, () => signedUpUser('performer')))));
    }
    const before = (await sentEmails()).length;
    const responses = await Promise.all(
      performers.map((p) =>
        signUpUntilAnswered(p.token, {
          slotId: created.slots[0]?.slotId,
          characterIds: [created.characters[0]?.characterId],
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(190);
    expect(
      responses.filter((r) => r.status === 409).every((r) => (r.body as { code?: string }).code === 'slot-full'),
    ).toBe(true);
    const { body: view } = await api<{ slots: { remaining: number }[] }>(
      'GET',
      `/performances/${created.performanceId}`,
      {
        token: director.token,
      },
    );
    expect(view.slots[0]?.remaining).toBe(0);
    // Exactly the winners got a confirmation.
    const winners = performers.filter((_, i) => statuses[i] === 201).map((p) => p.email);
    const confirmations = await eventually(
      async () => (await sentEmails()).slice(before).filter((e) => e.subject.startsWith('Audition confirmed')),
      (emails) => emails.filter((e) => winners.includes(e.destination.to[0] ?? '')).length >= 10,
    );
    const losers = new Set(performers.filter((_, i) => statuses[i] !== 201).map((p) => p.email));
    expect(confirmations.filter((e) => losers.has(e.destination.to[0] ?? ''))).toHaveLength(0);
  });
});
