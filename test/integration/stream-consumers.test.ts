import { GetQueueUrlCommand, PurgeQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { streamFailureQueueName } from '../../local/bootstrap';
import { api, signedUpUser } from '../support/api';
import { createPerformance, performanceBody } from '../support/fixtures';
import { emailsTo, eventually } from '../support/outbox';

/**
 * The table's stream has two consumers, each with its own position, retries and on-failure queue: the search index
 * (search-indexer) and the outbox relay with the sign-ups' follow-ups (table-stream). A search index that cannot be
 * written holds no email back.
 */
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const failureQueue = async (functionName: string) =>
  (await sqs.send(new GetQueueUrlCommand({ QueueName: streamFailureQueueName(functionName) }))).QueueUrl as string;
const received = async (queueUrl: string) =>
  (
    await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 0,
      }),
    )
  ).Messages ?? [];

afterEach(async () => {
  await api('DELETE', '/__local/faults');
});

describe('a search index that cannot be written', () => {
  it('holds back no email: updates and confirmations arrive, and the failure is the search indexer’s alone', async () => {
    const director = await signedUpUser('director');
    const [performer1, performer2, unrelated] = await Promise.all([
      signedUpUser('performer'),
      signedUpUser('performer'),
      signedUpUser('performer'),
    ]);
    const doomed = await createPerformance(director.token, {
      slots: [{ start: '2031-03-10T18:00', durationMinutes: 30, capacity: 5 }],
    });
    const other = await createPerformance(director.token, {
      slots: [{ start: '2031-03-11T18:00', durationMinutes: 30, capacity: 5 }],
    });
    const signUp = (token: string, performance: typeof doomed) =>
      api('POST', `/performances/${performance.performanceId}/signup`, {
        token,
        body: { slotId: performance.slots[0]?.slotId, characterIds: [performance.characters[0]?.characterId] },
      });
    expect((await signUp(performer1.token, doomed)).status).toBe(201);
    expect((await signUp(performer2.token, doomed)).status).toBe(201);
    for (const performer of [performer1, performer2]) {
      await eventually(
        () => emailsTo(performer.email),
        (emails) => emails.some((e) => e.subject.startsWith('Audition confirmed')),
      );
    }
    // Each consumer has its own on-failure queue; empty them of what earlier tests left.
    const searchFailures = await failureQueue('search-indexer');
    const streamFailures = await failureQueue('table-stream');
    await Promise.all(
      [searchFailures, streamFailures].map((QueueUrl) => sqs.send(new PurgeQueueCommand({ QueueUrl }))),
    );

    // From now on the search index entries of the doomed performance cannot be written by the stream.
    const fault = await api('PUT', '/__local/faults', {
      body: { streamWritesMentioning: ['SEARCH#', doomed.performanceId] },
    });
    expect(fault.status).toBe(200);
    // An edit both consumers act on: a new title (new search entries) and a moved audition (performers are told).
    const body = performanceBody({ title: `Doomed ${doomed.performanceId}` });
    const edited = await api('PUT', `/performances/${doomed.performanceId}`, {
      token: director.token,
      body: {
        ...body,
        version: doomed.version,
        characters: body.characters.map((c, i) => ({ ...c, characterId: doomed.characters[i]?.characterId })),
        slots: [{ slotId: doomed.slots[0]?.slotId, start: '2031-03-10T19:00', durationMinutes: 30, capacity: 5 }],
      },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await signUp(unrelated.token, other)).status).toBe(201);

    for (const performer of [performer1, performer2]) {
      await eventually(
        () => emailsTo(performer.email),
        (emails) => emails.some((e) => e.subject.startsWith('Audition moved')),
        30_000,
      );
    }
    await eventually(
      () => emailsTo(unrelated.email),
      (emails) => emails.some((e) => e.subject.startsWith('Audition confirmed')),
      30_000,
    );
    // The search indexer gave up on the record after its retries: its on-failure queue names its function.
    const failures = await eventually(
      () => received(searchFailures),
      (messages) => messages.length > 0,
      60_000,
    );
    const failure = JSON.parse(failures[0]?.Body ?? '{}') as {
      requestContext: { functionArn: string; condition: string };
    };
    expect(failure.requestContext.functionArn).toMatch(/:function:search-indexer$/);
    expect(failure.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(await received(streamFailures)).toEqual([]);

    // Once the cause is gone, the one documented command re-drives what the search indexer gave up on.
    await api('DELETE', '/__local/faults');
    const replay = await api<{ replayed: number; failed: number }>(
      'POST',
      '/__local/stream-failures/search-indexer/replay',
    );
    expect(replay.body).toEqual({ replayed: failures.length, failed: 0 });
    expect(await received(searchFailures)).toEqual([]);
  });
});
