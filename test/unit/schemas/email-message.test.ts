import { describe, expect, it } from 'vitest';
import { emailMessage } from '../../../src/schemas/email-message';

const message = { idempotencyKey: 'k1', to: ['bo@example.com'], subject: 'Hi', text: 'Hello' };
const invite = {
  filename: 'audition.ics',
  contentType: 'text/calendar; charset=UTF-8; method=REQUEST',
  content: 'BEGIN:VCALENDAR',
};

describe('emailMessage attachments', () => {
  it('keeps accepting messages without attachments', () => {
    expect(emailMessage.parse(message)).toEqual(message);
  });

  it('accepts a calendar invite', () => {
    expect(emailMessage.parse({ ...message, attachments: [invite] }).attachments).toEqual([invite]);
  });

  it.each([
    ['a path in the file name', { ...invite, filename: '../etc/passwd' }],
    ['a header break in the content type', { ...invite, contentType: 'text/calendar\r\nBcc: x@y' }],
    ['empty content', { ...invite, content: '' }],
    ['content over 64,000 characters', { ...invite, content: 'x'.repeat(64_001) }],
    ['an unknown field', { ...invite, encoding: 'base64' }],
  ])('refuses %s', (_name, attachment) => {
    expect(emailMessage.safeParse({ ...message, attachments: [attachment] }).success).toBe(false);
  });

  it('refuses more than three attachments', () => {
    expect(emailMessage.safeParse({ ...message, attachments: [invite, invite, invite, invite] }).success).toBe(false);
  });
});
