import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { eventually, sentEmails } from '../support/outbox';

const sqs = () => new SQSClient({ useQueueUrlAsEndpoint: false });
const queueUrl = () => inject('env').EMAIL_QUEUE_URL as string;

async function enqueue(body: unknown) {
  await sqs().send(new SendMessageCommand({ QueueUrl: queueUrl(), MessageBody: JSON.stringify(body) }));
}

describe('the mailer', () => {
  it('sends a queued message through SES exactly once, even when the message is delivered twice', async () => {
    const subject = `Hello ${randomUUID()}`;
    const message = {
      idempotencyKey: randomUUID(),
      to: ['someone@example.com'],
      subject,
      text: 'Plain',
      html: '<p>Rich</p>',
    };
    await enqueue(message);
    await enqueue(message); // a duplicate, as SQS's at-least-once delivery may produce

    const mine = (emails: Awaited<ReturnType<typeof sentEmails>>) => emails.filter((e) => e.subject === subject);
    await eventually(sentEmails, (emails) => mine(emails).length >= 1);
    // Both copies have been consumed once the queue is empty and nothing is in flight.
    await eventually(
      () => sqs().send(new GetQueueAttributesCommand({ QueueUrl: queueUrl(), AttributeNames: ['All'] })),
      ({ Attributes: a }) => a?.ApproximateNumberOfMessages === '0' && a.ApproximateNumberOfMessagesNotVisible === '0',
    );
    const emails = mine(await sentEmails());
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      destination: { to: ['someone@example.com'] },
      body: { text: 'Plain', html: '<p>Rich</p>' },
    });
  });

  it('moves a message that always fails to the dead-letter queue after 5 receives', async () => {
    const poison = { idempotencyKey: randomUUID(), to: ['not an email'], subject: 'never sent', text: 'x' };
    await enqueue(poison);
    const dlq = inject('emailDeadLetterQueueUrl');
    const received = await eventually(
      () =>
        sqs().send(
          new ReceiveMessageCommand({
            QueueUrl: dlq,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
          }),
        ),
      ({ Messages }) => (Messages ?? []).some((m) => m.Body?.includes(poison.idempotencyKey)),
      30_000,
    );
    const dead = received.Messages?.find((m) => m.Body?.includes(poison.idempotencyKey));
    expect(dead).toBeDefined();
    expect(Number(dead?.Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(5);
    expect((await sentEmails()).some((e) => e.subject === 'never sent')).toBe(false);
  });
});
