import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { documentClient } from '../../src/adapters/dynamodb/document-client';
import { keys } from '../../src/adapters/dynamodb/keys';
import { accountEmailsPerHour, emailWindow } from '../../src/domain/account-email-limit';
import { authThrottles } from '../../src/manifest';
import { api, uniqueEmail } from '../support/api';

const signUpBody = (email: string) => ({
  email,
  password: 'correct-horse-battery',
  role: 'performer',
  name: 'Rate Limited',
  phone: '+14155550123',
  timeZone: 'UTC',
});

/** How many emails the Cognito stand-in has sent to the address (sign-up and resent confirmation codes). */
async function cognitoEmailsTo(email: string): Promise<number> {
  const response = await api<{ count: number }>('GET', `/__local/cognito-emails?email=${encodeURIComponent(email)}`);
  return response.body.count;
}

/** The address's email counter for the current hour, as stored in the table. */
async function counterOf(email: string): Promise<number | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({
      TableName: inject('env').TABLE_NAME,
      Key: keys.accountEmails(email, emailWindow(new Date()).window),
      ConsistentRead: true,
    }),
  );
  return Item?.emails as number | undefined;
}

describe('the email limit per address of POST /auth/signup', () => {
  it(`answers the ${accountEmailsPerHour + 1}th sign-up of one address within the hour 429 too-many-requests, with Retry-After`, async () => {
    const email = uniqueEmail('limited');
    for (let i = 0; i < accountEmailsPerHour; i++) {
      expect((await api('POST', '/auth/signup', { body: signUpBody(email) })).status).toBe(201);
    }
    const refused = await api('POST', '/auth/signup', { body: signUpBody(email) });
    expect(refused.status).toBe(429);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429, code: 'too-many-requests', type: '/problems/too-many-requests' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // One code at sign-up and one resent for each repeat: as many as allowed, not one more.
    expect(await cognitoEmailsTo(email)).toBe(accountEmailsPerHour);
    // Another address is not affected.
    expect((await api('POST', '/auth/signup', { body: signUpBody(uniqueEmail('unaffected')) })).status).toBe(201);
  });

  it('lets no concurrent burst of sign-ups of one address send more emails than the limit', async () => {
    const email = uniqueEmail('burst');
    const burst = accountEmailsPerHour + 5;
    const responses = await Promise.all(
      Array.from({ length: burst }, () => api('POST', '/auth/signup', { body: signUpBody(email) })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(accountEmailsPerHour);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(burst - accountEmailsPerHour);
    expect(statuses.every((s) => s === 201 || s === 429)).toBe(true);
    expect(await counterOf(email)).toBeLessThanOrEqual(accountEmailsPerHour);
    expect(await cognitoEmailsTo(email)).toBeLessThanOrEqual(accountEmailsPerHour);
    expect(await cognitoEmailsTo(email)).toBeGreaterThan(0);
  });
});

describe('the route throttles of the auth routes, as the local gateway applies them', () => {
  it('answers a burst beyond the manifest throttle of POST /auth/confirm 429 before the function runs', async () => {
    const { rateLimit, burstLimit } = authThrottles.account;
    // The shared test stack runs without them (its files sign up hundreds of users); this test turns them on.
    expect((await api('PUT', '/__local/route-throttling', { body: { enforced: true } })).status).toBe(200);
    try {
      const started = Date.now();
      const responses = await Promise.all(
        Array.from({ length: burstLimit * 3 }, () =>
          api('POST', '/auth/confirm', { body: { email: 'nobody@example.com', code: 'not-a-code' } }),
        ),
      );
      const elapsedSeconds = (Date.now() - started) / 1000;
      const refused = responses.filter((r) => r.status === 429);
      const passed = responses.filter((r) => r.status !== 429);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]?.body).toEqual({ message: 'Too Many Requests' });
      expect(passed.every((r) => r.status === 400)).toBe(true);
      expect(passed.length).toBeLessThanOrEqual(burstLimit + Math.ceil(rateLimit * elapsedSeconds));
    } finally {
      await api('PUT', '/__local/route-throttling', { body: { enforced: false } });
    }
  });
});
