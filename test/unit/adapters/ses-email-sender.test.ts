import { describe, expect, it } from 'vitest';
import { sendEmailInput } from '../../../src/adapters/ses/ses-email-sender';
import type { EmailMessage } from '../../../src/schemas/email-message';

const message: EmailMessage = {
  idempotencyKey: 'k1',
  to: ['bo@example.com'],
  subject: 'Audition confirmed: Hamlet',
  text: 'Plain',
  html: '<p>Rich</p>',
};

describe('sendEmailInput', () => {
  it('sends simple content without attachments as before', () => {
    expect(sendEmailInput('noreply@example.com', message)).toEqual({
      FromEmailAddress: 'noreply@example.com',
      Destination: { ToAddresses: ['bo@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Audition confirmed: Hamlet', Charset: 'UTF-8' },
          Body: { Text: { Data: 'Plain', Charset: 'UTF-8' }, Html: { Data: '<p>Rich</p>', Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('adds each attachment with its name, type and UTF-8 bytes', () => {
    const ics = 'BEGIN:VCALENDAR\r\nSUMMARY:Ünïcödé\r\nEND:VCALENDAR\r\n';
    const input = sendEmailInput('noreply@example.com', {
      ...message,
      attachments: [
        { filename: 'audition.ics', contentType: 'text/calendar; charset=UTF-8; method=REQUEST', content: ics },
      ],
    });
    const [attachment] = input.Content?.Simple?.Attachments ?? [];
    expect(attachment).toMatchObject({
      FileName: 'audition.ics',
      ContentType: 'text/calendar; charset=UTF-8; method=REQUEST',
      ContentDisposition: 'ATTACHMENT',
    });
    expect(new TextDecoder().decode(attachment?.RawContent)).toBe(ics);
  });
});
