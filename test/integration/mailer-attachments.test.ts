import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import ICAL from 'ical.js';
import ical from 'node-ical';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { renderSignUpConfirmation } from '../../src/domain/emails';
import type { EmailMessage } from '../../src/schemas/email-message';
import type { StoredEmail } from '../support/outbox';
import { eventually, sentEmails } from '../support/outbox';

/** What the local SES store keeps of an attachment (the content base64-encoded). */
type WithAttachments = StoredEmail & {
  attachments?: { filename?: string; contentType: string; content: string }[];
};

const sqs = () => new SQSClient({ useQueueUrlAsEndpoint: false });
const queueUrl = () => inject('env').EMAIL_QUEUE_URL as string;

describe('the mailer with attachments', () => {
  it('sends a confirmation with its calendar invite once, with subject, text, html and the .ics intact', async () => {
    const signUpId = randomUUID();
    const rendered = renderSignUpConfirmation({
      link: { label: 'See your auditions', url: 'http://127.0.0.1:5173/my/auditions' },
      recipient: { name: 'Bo Park', email: 'bo@example.com', timeZone: 'America/Los_Angeles' },
      performance: {
        title: `Hamlet ${signUpId}`,
        venue: {
          name: 'Globe Theatre',
          address: '21 New Globe Walk',
          city: 'London',
          country: 'United Kingdom',
          timeZone: 'Europe/London',
        },
        director: { name: 'Ann Lee', email: 'ann@example.com' },
      },
      slot: {
        start: new Date('2027-03-28T09:00:00Z'),
        durationMinutes: 20,
        location: { name: 'Globe Theatre', address: '21 New Globe Walk' },
      },
      characters: ['Ophélie'],
      invite: { signUpId, sequence: 0, issuedAt: new Date('2027-03-01T12:00:00Z') },
      reminderAt: new Date('2027-03-28T02:00:00Z'),
    });
    const message: EmailMessage = { idempotencyKey: randomUUID(), to: ['bo@example.com'], ...rendered };
    const body = JSON.stringify(message);
    await sqs().send(new SendMessageCommand({ QueueUrl: queueUrl(), MessageBody: body }));
    await sqs().send(new SendMessageCommand({ QueueUrl: queueUrl(), MessageBody: body })); // a redelivery

    const mine = (emails: StoredEmail[]) => emails.filter((e) => e.subject === rendered.subject) as WithAttachments[];
    await eventually(sentEmails, (emails) => mine(emails).length >= 1);
    await eventually(
      () => sqs().send(new GetQueueAttributesCommand({ QueueUrl: queueUrl(), AttributeNames: ['All'] })),
      ({ Attributes: a }) => a?.ApproximateNumberOfMessages === '0' && a.ApproximateNumberOfMessagesNotVisible === '0',
    );
    const emails = mine(await sentEmails());
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email?.subject).toBe(`Audition confirmed: Hamlet ${signUpId}, Sunday 28 March 2027, 02:00 PDT`);
    expect(email?.destination.to).toEqual(['bo@example.com']);
    expect(email?.body).toEqual({ text: rendered.text, html: rendered.html });
    expect(email?.body.text).toContain('Sunday 28 March 2027, 02:00 PDT your time (10:00 BST at the venue)');

    expect(email?.attachments).toHaveLength(1);
    const [attachment] = email?.attachments ?? [];
    expect(attachment).toMatchObject({
      filename: 'audition.ics',
      contentType: 'text/calendar; charset=UTF-8; method=REQUEST',
    });
    const ics = Buffer.from(attachment?.content ?? '', 'base64').toString('utf8');
    expect(ics).toBe(rendered.attachments?.[0]?.content);
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain(`UID:signup-${signUpId}@audition-me\r\n`);
    expect(ics).toContain('DTSTART:20270328T090000Z\r\n');
    expect(ics).toContain('Ophélie');

    // what arrives reads the same in two independent calendar parsers, with the method the content type names
    const event = new ICAL.Component(ICAL.parse(ics));
    expect(event.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = event.getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('uid')).toBe(`signup-${signUpId}@audition-me`);
    expect((vevent?.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate()).toEqual(
      new Date('2027-03-28T09:00:00Z'),
    );
    expect(vevent?.getFirstPropertyValue('summary')).toBe(`Audition: Hamlet ${signUpId}`);
    const parsed = ical.sync.parseICS(ics)[`signup-${signUpId}@audition-me`];
    expect(parsed).toMatchObject({
      type: 'VEVENT',
      method: 'REQUEST',
      start: new Date('2027-03-28T09:00:00Z'),
      summary: `Audition: Hamlet ${signUpId}`,
    });
  });
});
