import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sesClient } from '../../src/adapters/ses/ses-email-sender';
import { handler as mailer } from '../../src/functions/mailer';
import { functionNamed } from '../../src/manifest';
import { lambdaContext } from '../../local/runtime/handlers';
import { sqsEvent } from '../support/sqs-event';
import { api } from '../support/api';
import { eventually, sentEmails } from '../support/outbox';

/**
 * The mailer against an SES that refuses sends over its rate (the local runtime's limiter, as SES does): a
 * slot's reminder to 30 performers, more than the rate lets through at once, arrives once at each of them,
 * nothing goes to the dead-letter queue, and while the mailer knows the account's rate SES never has to refuse.
 */

const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const queueUrl = () => inject('env').EMAIL_QUEUE_URL as string;

interface SesRate {
  limit: unknown;
  accepted: number;
  refused: number;
  mailerRate: number;
}

const setSesRate = async (body: { perSecond: number; burst?: number; mailerRate?: number }) => {
  const response = await api<SesRate>('PUT', '/__local/ses-rate', { body });
  expect(response.status).toBe(200);
};
const sesRate = async () => (await api<SesRate>('GET', '/__local/ses-rate')).body;

const queueAttributes = async (url: string) =>
  (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes ?? {};

const queueIsEmpty = async () => {
  const a = await queueAttributes(queueUrl());
  return (
    a.ApproximateNumberOfMessages === '0' &&
    a.ApproximateNumberOfMessagesNotVisible === '0' &&
    (a.ApproximateNumberOfMessagesDelayed ?? '0') === '0'
  );
};

/** Whether the dead-letter queue holds a message mentioning `text` (looked at without hiding anything). */
async function deadLettered(text: string): Promise<boolean> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: inject('emailDeadLetterQueueUrl'),
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
      WaitTimeSeconds: 0,
    }),
  );
  return Messages.some((m) => m.Body?.includes(text));
}

/** A slot's reminder: one message to `count` performers, each to get an email of their own. */
function reminderTo(count: number) {
  const run = randomUUID().slice(0, 8);
  const to = Array.from({ length: count }, (_, n) => `rate-${run}-${n}@example.com`);
  const subject = `Reminder: your audition tomorrow (${run})`;
  return {
    to,
    subject,
    key: `reminder-${run}`,
    body: JSON.stringify({ idempotencyKey: `reminder-${run}`, to, subject, text: 'Tomorrow at 10:00.' }),
  };
}

async function enqueueReminder(count: number) {
  const reminder = reminderTo(count);
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl(), MessageBody: reminder.body }));
  return reminder;
}

/** Runs `work` while this process's SES client answers every send as SES does over the rate. */
async function whileSesThrottles<T>(work: () => Promise<T>): Promise<T> {
  let refused = 0;
  sesClient().middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'SendEmailCommand') return next(args);
      refused += 1;
      throw Object.assign(new Error('Maximum sending rate exceeded.'), {
        name: 'TooManyRequestsException',
        $metadata: { httpStatusCode: 429 },
      });
    },
    { step: 'initialize', name: 'testThrottlesEverySend' },
  );
  try {
    const result = await work();
    expect(refused).toBeGreaterThan(0);
    return result;
  } finally {
    sesClient().middlewareStack.remove('testThrottlesEverySend');
  }
}

/** Waits until each recipient has an email, and the queue is empty; then counts each one's emails. */
async function deliveredCounts(reminder: { to: string[]; subject: string }) {
  const mine = async () => (await sentEmails()).filter((e) => e.subject === reminder.subject);
  await eventually(
    mine,
    (emails) => new Set(emails.flatMap((e) => e.destination.to)).size === reminder.to.length,
    60_000,
  );
  await eventually(queueIsEmpty, Boolean, 60_000);
  const emails = await mine();
  return reminder.to.map((address) => emails.filter((e) => e.destination.to.includes(address)).length);
}

describe('the mailer within SES sending rate', () => {
  let visibilityTimeout: string | undefined;
  beforeAll(async () => {
    await eventually(queueIsEmpty, Boolean, 60_000);
    // The test stack redelivers after 1 s to retry fast; in AWS a message stays hidden for six times the mailer's
    // timeout, far longer than sending a reminder takes. Here too while these tests run.
    visibilityTimeout = (await queueAttributes(queueUrl())).VisibilityTimeout;
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl(), Attributes: { VisibilityTimeout: '60' } }));
  });
  afterAll(async () => {
    await api('DELETE', '/__local/ses-rate');
    if (visibilityTimeout) {
      await sqs.send(
        new SetQueueAttributesCommand({ QueueUrl: queueUrl(), Attributes: { VisibilityTimeout: visibilityTimeout } }),
      );
    }
  });

  it('sends a reminder to 30 at the rate SES allows: each gets it once, SES never refuses, nothing dead-letters', async () => {
    await setSesRate({ perSecond: 30, burst: 2 });
    const reminder = await enqueueReminder(30);
    const counts = await deliveredCounts(reminder);
    expect(counts).toEqual(reminder.to.map(() => 1));
    const rate = await sesRate();
    expect(rate.accepted).toBeGreaterThanOrEqual(30);
    expect(rate.refused).toBe(0);
    expect(await deadLettered(reminder.key)).toBe(false);
  });

  it('retries what SES throttles when the mailer was told too high a rate: each gets it once, nothing dead-letters', async () => {
    await setSesRate({ perSecond: 15, burst: 1, mailerRate: 300 });
    const reminder = await enqueueReminder(30);
    const counts = await deliveredCounts(reminder);
    expect(counts).toEqual(reminder.to.map(() => 1));
    const rate = await sesRate();
    // SES did refuse sends (the mailer went too fast for it), and took each email once.
    expect(rate.refused).toBeGreaterThan(0);
    expect(rate.accepted).toBeGreaterThanOrEqual(30);
    expect(await deadLettered(reminder.key)).toBe(false);
  });
});

/**
 * The mailer's handler called here, as Lambda calls it, for what it cannot send now: the message is not reported
 * failed (which would count towards the dead-letter queue) but its unsent part goes back on the queue, and the
 * local system's mailer sends that.
 */
describe('the mailer when it cannot send everything now', () => {
  it('puts what the timeout leaves unsent back on the queue instead of failing the message', async () => {
    await api('PUT', '/__local/ses-rate', { body: { perSecond: 1000 } });
    const reminder = reminderTo(30);
    // This process's mailer sends 10 a second, with 1.5 s before its timeout (5 s kept in hand): a few emails.
    const rate = process.env.SES_MAX_SEND_RATE;
    process.env.SES_MAX_SEND_RATE = '20';
    const context: Context = { ...lambdaContext(functionNamed('mailer')), getRemainingTimeInMillis: () => 6_500 };
    const result = await mailer(sqsEvent(reminder.body), context).finally(() => {
      process.env.SES_MAX_SEND_RATE = rate;
    });
    expect(result.batchItemFailures).toEqual([]);
    expect((await sentEmails()).filter((e) => e.subject === reminder.subject).length).toBeLessThan(30);
    expect(await deliveredCounts(reminder)).toEqual(reminder.to.map(() => 1));
    expect(await deadLettered(reminder.key)).toBe(false);
  });

  it('puts what SES keeps throttling back on the queue after a pause instead of failing the message', async () => {
    await api('PUT', '/__local/ses-rate', { body: { perSecond: 1000 } });
    const reminder = reminderTo(5);
    const result = await whileSesThrottles(() =>
      mailer(sqsEvent(reminder.body), lambdaContext(functionNamed('mailer'))),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(await deliveredCounts(reminder)).toEqual(reminder.to.map(() => 1));
    expect(await deadLettered(reminder.key)).toBe(false);
  });
});
