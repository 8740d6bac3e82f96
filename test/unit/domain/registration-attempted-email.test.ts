import { describe, expect, it } from 'vitest';
import { emailsFor } from '../../../src/domain/notification-emails';

describe('the registration-attempted email', () => {
  it('goes to the owner only, by name, says nothing changed and how to sign in', () => {
    const [message, ...more] = emailsFor(
      { kind: 'registration-attempted', to: { email: 'ann@example.com', name: 'Ann\r\nBcc: x@y.z' } },
      'outbox-1',
      new Date('2026-11-24T12:00:00Z'),
      'https://app.example.org',
    );
    expect(more).toEqual([]);
    expect(message).toMatchObject({ idempotencyKey: 'outbox-1', to: ['ann@example.com'] });
    expect(message?.subject).toBe('Someone tried to create an Audition Me account with your email address');
    expect(message?.text).toContain('Hi Ann Bcc: x@y.z,');
    expect(message?.text).toMatch(/nothing about your account has changed/);
    expect(message?.text).toMatch(/sign in/i);
    expect(message?.text).toContain('https://app.example.org/sign-in');
  });
});
