import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { api, signedUpUser, uniqueEmail } from '../support/api';
import { emailsTo, eventually } from '../support/outbox';

/** A bounce notification as SES publishes it to SNS (the documented shape, trimmed of fields not read). */
const bounce = (address: string, bounceType: 'Permanent' | 'Transient', bounceSubType = 'General') => ({
  notificationType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType,
    bouncedRecipients: [{ emailAddress: address, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550' }],
    timestamp: '2026-11-30T09:00:00.000Z',
    feedbackId: `0100-${randomUUID()}`,
  },
  mail: { timestamp: '2026-11-30T08:59:59.000Z', source: 'no-reply@audition-me.local', destination: [address] },
});

const complaint = (address: string) => ({
  notificationType: 'Complaint',
  complaint: {
    complainedRecipients: [{ emailAddress: address }],
    timestamp: '2026-11-30T10:00:00.000Z',
    feedbackId: `0100-${randomUUID()}`,
    complaintFeedbackType: 'abuse',
  },
  mail: { timestamp: '2026-11-30T09:59:00.000Z', source: 'no-reply@audition-me.local', destination: [address] },
});

async function injectFeedback(notification: unknown): Promise<void> {
  const response = await api('POST', '/__local/ses-feedback', { body: notification });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

const sqs = () => new SQSClient({ useQueueUrlAsEndpoint: false });
async function enqueueEmail(to: string[], subject: string) {
  const message = { idempotencyKey: randomUUID(), to, subject, text: 'Hello' };
  await sqs().send(
    new SendMessageCommand({ QueueUrl: inject('env').EMAIL_QUEUE_URL as string, MessageBody: JSON.stringify(message) }),
  );
}

describe('SES bounce and complaint notifications', () => {
  it('marks a permanently bounced address undeliverable: the mailer sends it nothing more, GET /me says so', async () => {
    const performer = await signedUpUser('performer');
    const before = await api('GET', '/me', { token: performer.token });
    expect(before.body).toMatchObject({ emailDeliverable: true });
    expect(before.body).not.toHaveProperty('emailUndeliverable');

    await injectFeedback(bounce(performer.email, 'Permanent'));

    const me = await api('GET', '/me', { token: performer.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      emailDeliverable: false,
      emailUndeliverable: { reason: 'bounce', since: '2026-11-30T09:00:00.000Z' },
    });

    const other = uniqueEmail('still-delivered');
    const subject = `After the bounce ${randomUUID()}`;
    await enqueueEmail([performer.email, other], subject);
    await eventually(
      () => emailsTo(other),
      (emails) => emails.some((e) => e.subject === subject),
    );
    await api('POST', '/__local/settled');
    expect((await emailsTo(performer.email)).filter((e) => e.subject === subject)).toEqual([]);

    // Neither a profile change nor a new log-in clears it.
    expect((await api('PATCH', '/me', { token: performer.token, body: { name: 'New Name' } })).status).toBe(200);
    const login = await api<{ idToken: string }>('POST', '/auth/login', {
      body: { email: performer.email, password: performer.password },
    });
    const again = await api('GET', '/me', { token: login.body.idToken });
    expect(again.body).toMatchObject({ name: 'New Name', emailDeliverable: false });
  });

  it('marks a complaint undeliverable too, and leaves a transient bounce alone', async () => {
    const [complained, softBounced] = await Promise.all([signedUpUser('director'), signedUpUser('performer')]);
    await injectFeedback(complaint(complained.email));
    await injectFeedback(bounce(softBounced.email, 'Transient', 'MailboxFull'));
    expect((await api('GET', '/me', { token: complained.token })).body).toMatchObject({
      emailDeliverable: false,
      emailUndeliverable: { reason: 'complaint' },
    });
    expect((await api('GET', '/me', { token: softBounced.token })).body).toMatchObject({ emailDeliverable: true });

    const subject = `After a soft bounce ${randomUUID()}`;
    await enqueueEmail([softBounced.email], subject);
    await eventually(
      () => emailsTo(softBounced.email),
      (emails) => emails.some((e) => e.subject === subject),
    );
  });
});
