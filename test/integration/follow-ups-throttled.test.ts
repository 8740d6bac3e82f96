import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { streamFailureQueueName } from '../../local/bootstrap';
import { functionNamed } from '../../src/manifest';
import { queuedMessageKind } from '../../src/schemas/sign-up-follow-up';
import { api, signedUpUser } from '../support/api';
import { createPerformance, venueDateTime } from '../support/fixtures';
import { eventually, sentEmails } from '../support/outbox';

/**
 * Closing casting on many sign-ups while the table refuses their writes for throughput: the table's stream consumer
 * only decides and queues the sign-up changes; the mailer saves them and puts back what the table refuses, with a
 * growing delay and without counting a failed receive, so nothing reaches a failure queue and, once the table takes
 * writes again, every performer is told exactly once.
 */
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const performerCount = 30; // two work items: 25 changes and 5

const messagesIn = async (QueueUrl: string) => {
  const { Attributes: a } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(a?.ApproximateNumberOfMessages ?? 0);
};

/** The bodies of the messages in a queue, each read once (hidden for a few seconds, so the next receive moves on). */
async function bodiesIn(QueueUrl: string): Promise<string[]> {
  const seen = new Map<string, string>();
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 5, WaitTimeSeconds: 0 }),
    );
    const fresh = Messages.filter((m) => !seen.has(m.MessageId ?? ''));
    if (!fresh.length) return [...seen.values()];
    for (const m of fresh) seen.set(m.MessageId ?? '', m.Body ?? '');
  }
}

const faults = () => api<{ refused: number }>('GET', '/__local/faults');

/**
 * The email queue's visibility timeout. The test stack's is 1 s, so failed emails come back at once; but then a
 * batch that takes longer (here, sign-up changes saved one by one on a busy machine) is received again while it is
 * still being handled, and those receives count towards the dead-letter queue. As deployed, it outlasts the mailer.
 */
const setEmailVisibility = (seconds: number) =>
  sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: inject('env').EMAIL_QUEUE_URL,
      Attributes: { VisibilityTimeout: String(seconds) },
    }),
  );

afterEach(async () => {
  await api('DELETE', '/__local/faults');
  await setEmailVisibility(1);
});

describe('the sign-up follow-ups of a performance change while the table throttles', () => {
  it('wait on the queue, with backoff and no failure, and tell every performer exactly once', async () => {
    const director = await signedUpUser('director');
    const performers: Awaited<ReturnType<typeof signedUpUser>>[] = [];
    while (performers.length < performerCount) {
      performers.push(...(await Promise.all(Array.from({ length: 10 }, () => signedUpUser('performer')))));
    }
    const performance = await createPerformance(director.token, {
      title: `Open call ${Date.now().toString(36)}`,
      slots: [{ start: venueDateTime(9, '10:00', 'Europe/London'), durationMinutes: 30, capacity: performerCount }],
    });
    const slotId = performance.slots[0]?.slotId;
    const characterIds = [performance.characters[0]?.characterId];
    for (let i = 0; i < performers.length; i += 5) {
      const statuses = await Promise.all(
        performers.slice(i, i + 5).map(async ({ token }) => {
          const path = `/performances/${performance.performanceId}/signup`;
          return (await api('POST', path, { token, body: { slotId, characterIds } })).status;
        }),
      );
      expect(statuses).toEqual(statuses.map(() => 201));
    }
    // Every confirmation out of the way, so the queue holds only what closing casting causes.
    expect((await api('POST', '/__local/settled')).status).toBe(204);
    const { QueueUrl: streamFailures } = await sqs.send(
      new GetQueueUrlCommand({ QueueName: streamFailureQueueName('table-stream') }),
    );
    await sqs.send(new PurgeQueueCommand({ QueueUrl: streamFailures }));

    await setEmailVisibility(functionNamed('mailer').timeoutSeconds);
    // From now on the table refuses, for throughput, every write cancelling a sign-up of this performance.
    const fault = await api('PUT', '/__local/faults', {
      body: {
        streamWritesMentioning: [performance.performanceId, '"status":"cancelled"'],
        byAnyFunction: true,
        asThrottling: true,
      },
    });
    expect(fault.status).toBe(200);
    const closed = await api('POST', `/performances/${performance.performanceId}/close-casting`, {
      token: director.token,
    });
    expect(closed.status).toBe(202);
    // Both work items are refused and put back; the table keeps refusing for 20 s, twice what the table's stream
    // event source retries a failing batch for locally (10 retries, at most 1 s apart) and more than the test
    // stack's 1 s visibility timeout times the email queue's 5 receives: had either waited, the work would be lost.
    await eventually(faults, ({ body }) => body.refused >= 2, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    // Refused again after their delay (5 s, then 10 s), each time put back rather than failed.
    expect((await faults()).body.refused).toBeGreaterThanOrEqual(4);
    const cancellationsTo = async () => {
      const subjectPrefix = 'Audition cancelled:';
      const addresses = new Set(performers.map((p) => p.email));
      return (await sentEmails()).filter(
        (e) => e.subject.startsWith(subjectPrefix) && e.destination.to.some((to) => addresses.has(to)),
      );
    };
    expect(await cancellationsTo()).toEqual([]);

    // The table takes writes again: every performer gets their cancellation.
    await api('DELETE', '/__local/faults');
    await eventually(cancellationsTo, (emails) => emails.length >= performerCount, 90_000);
    expect((await api('POST', '/__local/settled')).status).toBe(204);
    const sent = (await cancellationsTo()).flatMap((e) => e.destination.to).sort();
    expect(sent).toEqual(performers.map((p) => p.email).sort());

    const { body: list } = await api<{ slots: { signUps: { status: string }[] }[] }>(
      'GET',
      `/performances/${performance.performanceId}/signups`,
      { token: director.token },
    );
    const statuses = list.slots.flatMap((s) => s.signUps.map((signUp) => signUp.status));
    expect(statuses).toEqual(performers.map(() => 'cancelled'));
    expect(await messagesIn(streamFailures as string)).toBe(0);
    // No follow-up gave up in the dead-letter queue.
    const deadLetters = await bodiesIn(inject('emailDeadLetterQueueUrl'));
    const followUpsGivenUp = deadLetters.filter(
      (body) => queuedMessageKind(body) === 'sign-up-follow-up' && body.includes(performance.performanceId),
    );
    expect(followUpsGivenUp).toEqual([]);
    // 31 accounts, 30 sign-ups, 20 s of refusals and the backoff after them: above the project's 120 s guard when
    // the machine is busy.
  }, 240_000);
});
