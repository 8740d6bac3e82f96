import { describe, expect, it } from 'vitest';
import { api, signedUpUser, uniqueEmail } from '../support/api';
import { createPerformance } from '../support/fixtures';

/**
 * What the API answers behind the pages the links in emails open, when the link is followed in the situations
 * people meet: twice, by someone else, or damaged by a mail program. Always a problem with a stable code the page
 * can put in words; never a 500.
 */
describe('the API behind the links in emails', () => {
  it('confirming an account a second time says how to go on, not that a password is wrong', async () => {
    const email = uniqueEmail('twice');
    const signUp = await api('POST', '/auth/signup', {
      body: {
        email,
        password: 'correct-horse-battery',
        role: 'performer',
        name: 'Twice Confirmed',
        phone: '+14155550123',
        timeZone: 'Europe/London',
      },
    });
    expect(signUp.status).toBe(201);
    const { body } = await api<{ code: string }>(
      'GET',
      `/__local/confirmation-code?email=${encodeURIComponent(email)}`,
    );
    expect((await api('POST', '/auth/confirm', { body: { email, code: body.code } })).status).toBe(204);
    for (const [who, code] of [
      [email, body.code],
      [email, '000000'],
      [uniqueEmail('nobody'), body.code],
    ] as const) {
      const again = await api<{ code: string; detail: string }>('POST', '/auth/confirm', {
        body: { email: who, code },
      });
      expect(again.status, who).toBe(400);
      expect(again.contentType).toMatch(/problem\+json/);
      expect(again.body.code).toBe('invalid-confirmation-code');
      expect(again.body.detail).toMatch(/confirmed your email address already, sign in/i);
      expect(again.body.detail).not.toMatch(/password/i);
    }
  });

  it('answers a damaged or someone else’s id in a link’s path with 400 or 404, never 500', async () => {
    const [owner, other, performer] = await Promise.all([
      signedUpUser('director'),
      signedUpUser('director'),
      signedUpUser('performer'),
    ]);
    const { performanceId } = await createPerformance(owner.token);
    const id = encodeURIComponent(performanceId);
    const paths = [
      `/performances/${id.slice(0, -4)}`,
      `/performances/${id}x`,
      `/performances/${id}.`,
      `/performances/${id}%22%3E`,
      `/performances/${id}%`,
      `/performances/${id}%E2%80`,
      `/performances/${id.slice(0, -4)}/signups`,
      `/performances/${id}%E2%80/signups`,
    ];
    for (const path of paths) {
      const answer = await api<{ code: string }>('GET', path, { token: owner.token });
      expect([400, 404], path).toContain(answer.status);
      expect(answer.contentType, path).toMatch(/problem\+json/);
    }
    const signUps = await api<{ code: string }>('GET', `/performances/${id}/signups`, { token: other.token });
    expect(signUps.status).toBe(404);
    expect(JSON.stringify(signUps.body)).not.toContain(performer.email);
    for (const invitationId of [`${performanceId}_${performer.userId}`.slice(0, -3), 'x', '%E2%80', `${id}_`]) {
      const answer = await api<{ code: string }>('PUT', `/me/invitations/${invitationId}`, {
        token: performer.token,
        body: { status: 'opened' },
      });
      expect([400, 404], invitationId).toContain(answer.status);
      expect(answer.contentType, invitationId).toMatch(/problem\+json/);
    }
  });
});
