import {
  CognitoIdentityProviderClient,
  SignUpCommand,
  AdminConfirmSignUpCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { dynamoRegistrationStore } from '../../src/adapters/dynamodb/profile-store';
import { api, signedUpUser, uniqueEmail } from '../support/api';
import { emailsTo, eventually } from '../support/outbox';
import { cognitoLocalKey, decodePayload, signJwt, strangerKey } from '../support/jwt';

const expectProblem = (
  response: { status: number; contentType: string; body: unknown },
  status: number,
  code: string,
) => {
  expect(response.status).toBe(status);
  expect(response.contentType).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status, code, type: `/problems/${code}` });
};

describe('sign-up, confirmation, log-in and /me', () => {
  it('registers a performer with the role the server assigns and reads the profile back', async () => {
    const user = await signedUpUser('performer', {
      name: 'Ada Lovelace',
      timeZone: 'Europe/London',
      phone: '+44 20 7183 8750',
    });
    const claims = decodePayload(user.token);
    expect(claims['cognito:groups']).toEqual(['performer']);

    const me = await api('GET', '/me', { token: user.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      userId: user.userId,
      role: 'performer',
      name: 'Ada Lovelace',
      email: user.email,
      phone: '+442071838750',
      timeZone: 'Europe/London',
    });
  });

  const signUpBody = (email: string, overrides: Record<string, unknown> = {}) => ({
    email,
    password: 'first-password',
    role: 'performer',
    name: 'Rightful Owner',
    phone: '+14155550123',
    timeZone: 'UTC',
    ...overrides,
  });
  const intruder = { password: 'intruder-password', role: 'director', name: 'Mallory', timeZone: 'Asia/Tokyo' };
  const logIn = (email: string, password: string) =>
    api<{ idToken: string }>('POST', '/auth/login', { body: { email, password } });

  it('does not let a sign-up take over an unconfirmed account: same answer, the registrant keeps it', async () => {
    const email = uniqueEmail('takeover');
    const first = await api('POST', '/auth/signup', { body: signUpBody(email) });
    expect(first.status).toBe(201);
    const firstCode = (await api<{ code: string }>('GET', `/__local/confirmation-code?email=${email}`)).body.code;

    const second = await api('POST', '/auth/signup', { body: signUpBody(email, intruder) });
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);

    // The registrant gets a fresh code (the repeated sign-up sent it) and confirms with it.
    const { body: code } = await api<{ code: string }>('GET', `/__local/confirmation-code?email=${email}`);
    expect(code.code).not.toBe(firstCode);
    expect((await api('POST', '/auth/confirm', { body: { email, code: code.code } })).status).toBe(204);

    expectProblem(await logIn(email, intruder.password), 401, 'invalid-credentials');
    const login = await logIn(email, 'first-password');
    expect(login.status).toBe(200);
    expect(decodePayload(login.body.idToken)['cognito:groups']).toEqual(['performer']);
    const me = await api('GET', '/me', { token: login.body.idToken });
    expect(me.body).toMatchObject({ role: 'performer', name: 'Rightful Owner', timeZone: 'UTC' });
  });

  it('answers a sign-up for a confirmed address as for a new one, changes nothing, and emails the owner', async () => {
    const owner = await signedUpUser('director', { name: 'Dee Rector' });
    const fresh = await api('POST', '/auth/signup', { body: signUpBody(uniqueEmail('fresh')) });
    const again = await api('POST', '/auth/signup', { body: signUpBody(owner.email, intruder) });
    expect(again.status).toBe(fresh.status);
    expect(again.contentType).toBe(fresh.contentType);
    expect(Object.keys(again.body).sort()).toEqual(Object.keys(fresh.body).sort());

    expectProblem(await logIn(owner.email, intruder.password), 401, 'invalid-credentials');
    const login = await logIn(owner.email, owner.password);
    expect(decodePayload(login.body.idToken)['cognito:groups']).toEqual(['director']);
    const me = await api('GET', '/me', { token: login.body.idToken });
    expect(me.body).toMatchObject({ role: 'director', name: 'Dee Rector', userId: owner.userId });

    const [notice] = await eventually(
      () => emailsTo(owner.email),
      (emails) => emails.some((e) => /tried to create/.test(e.subject)),
    ).then((emails) => emails.filter((e) => /tried to create/.test(e.subject)));
    expect(notice?.body.text).toContain('Hi Dee Rector,');
    expect(notice?.body.text).toMatch(/sign in/i);
  });

  it('rejects a wrong confirmation code, a wrong password and an unconfirmed log-in with problems', async () => {
    const email = uniqueEmail('wrong');
    await api('POST', '/auth/signup', {
      body: { email, password: 'good-password', role: 'performer', name: 'W', phone: '+14155550123', timeZone: 'UTC' },
    });
    expectProblem(
      await api('POST', '/auth/login', { body: { email, password: 'good-password' } }),
      403,
      'user-not-confirmed',
    );
    expectProblem(
      await api('POST', '/auth/confirm', { body: { email, code: '000000' } }),
      400,
      'invalid-confirmation-code',
    );
    const user = await signedUpUser('performer');
    expectProblem(
      await api('POST', '/auth/login', { body: { email: user.email, password: 'not-it-at-all' } }),
      401,
      'invalid-credentials',
    );
  });
});

describe('refreshing a session', () => {
  it('exchanges the refresh token for a working ID token, and refuses a forged one', async () => {
    const user = await signedUpUser('performer');
    const login = await api<{ refreshToken: string }>('POST', '/auth/login', {
      body: { email: user.email, password: user.password },
    });
    const refreshed = await api<{ idToken: string }>('POST', '/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect((await api('GET', '/me', { token: refreshed.body.idToken })).status).toBe(200);
    const forged = await api('POST', '/auth/refresh', { body: { refreshToken: 'not-a-refresh-token' } });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    expect(forged.contentType).toContain('application/problem+json');
  });
});

describe('a registration that stopped part-way', () => {
  it('is completed at log-in from the recorded request, and the token then carries the role', async () => {
    // As if the server crashed right after Cognito's SignUp: the request is recorded (not yet bound to the
    // identity, whose name and phone match it), no group, no profile.
    const env = inject('env');
    const email = uniqueEmail('crashed');
    await dynamoRegistrationStore(env.TABLE_NAME as string).save({
      email,
      role: 'director',
      name: 'Half Done',
      phone: '+14155550123',
      timeZone: 'America/Denver',
      requestedAt: new Date().toISOString(),
    });
    const cognito = new CognitoIdentityProviderClient({});
    await cognito.send(
      new SignUpCommand({
        ClientId: env.USER_POOL_CLIENT_ID,
        Username: email,
        Password: 'long-enough-pw',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'name', Value: 'Half Done' },
          { Name: 'phone_number', Value: '+14155550123' },
        ],
      }),
    );
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: env.USER_POOL_ID, Username: email }));

    const login = await api<{ idToken: string }>('POST', '/auth/login', {
      body: { email, password: 'long-enough-pw' },
    });
    expect(login.status).toBe(200);
    expect(decodePayload(login.body.idToken)['cognito:groups']).toEqual(['director']);
    const me = await api('GET', '/me', { token: login.body.idToken });
    expect(me.body).toMatchObject({ role: 'director', name: 'Half Done', timeZone: 'America/Denver' });
  });
});

describe('the authorizer', () => {
  it('answers 401 without a token, as API Gateway does before calling the authorizer', async () => {
    const response = await api('GET', '/me');
    expect(response.status).toBe(401);
  });

  const forged = async (
    mutate: (claims: Record<string, unknown>) => Record<string, unknown>,
    key = cognitoLocalKey(),
  ) => {
    const user = await signedUpUser('performer');
    return signJwt(mutate(decodePayload(user.token)), key);
  };

  it('accepts a token it forged itself with the right key and claims (the forging helper is sound)', async () => {
    const token = await forged((claims) => claims);
    expect((await api('GET', '/me', { token })).status).toBe(200);
  });

  it.each([
    ['another issuer', async () => forged((c) => ({ ...c, iss: 'http://127.0.0.1:1/local_other' }))],
    ['another key', async () => forged((c) => c, strangerKey())],
    ['an expired token', async () => forged((c) => ({ ...c, iat: 1_600_000_000, exp: 1_600_003_600 }))],
    ['another app client', async () => forged((c) => ({ ...c, aud: 'some-other-client' }))],
    ['an access token instead of an ID token', async () => forged((c) => ({ ...c, token_use: 'access' }))],
    [
      'a tampered token',
      async () => {
        const { token } = await signedUpUser('performer');
        const [header, , signature] = token.split('.');
        const claims = { ...decodePayload(token), 'cognito:groups': ['director'] };
        return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      },
    ],
    ['garbage', async () => 'not-a-jwt'],
  ])('refuses %s with 401 problem+json', async (_name, makeToken) => {
    const response = await api('GET', '/me', { token: await makeToken() });
    expectProblem(response, 401, 'unauthenticated');
  });

  it('answers 403 to a user with no role group (signed up at Cognito directly, around our API)', async () => {
    const cognito = new CognitoIdentityProviderClient({});
    const env = inject('env');
    const email = uniqueEmail('norole');
    await cognito.send(
      new SignUpCommand({
        ClientId: env.USER_POOL_CLIENT_ID,
        Username: email,
        Password: 'sneaky-password',
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: env.USER_POOL_ID, Username: email }));
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: env.USER_POOL_CLIENT_ID,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: 'sneaky-password' },
      }),
    );
    expectProblem(await api('GET', '/me', { token: AuthenticationResult?.IdToken }), 403, 'forbidden');
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 malformed-json', async () => {
    expectProblem(
      await api('POST', '/auth/login', { rawBody: '{"email":', headers: { 'content-type': 'application/json' } }),
      400,
      'malformed-json',
    );
  });

  it('answers a wrong content type with 400 unsupported-media-type', async () => {
    expectProblem(
      await api('POST', '/auth/login', {
        rawBody: 'email=a@b.c',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      400,
      'unsupported-media-type',
    );
  });

  it('answers a path with broken percent-encoding, and half a surrogate pair, with 400', async () => {
    const user = await signedUpUser('performer');
    expectProblem(await api('GET', '/performances/%E2%8', { token: user.token }), 400, 'validation-failed');
    const loneSurrogate = '{"email":"a@example.com","password":"\\ud800"}';
    expectProblem(
      await api('POST', '/auth/login', { rawBody: loneSurrogate, headers: { 'content-type': 'application/json' } }),
      400,
      'malformed-json',
    );
  });

  it('answers a body over 64 KB with 413', async () => {
    const body = { email: 'a@example.com', password: 'x'.repeat(70 * 1024) };
    expectProblem(await api('POST', '/auth/login', { body }), 413, 'payload-too-large');
  });

  it('answers invalid fields with 400 and says which', async () => {
    const response = await api<{ errors: { path: string }[] }>('POST', '/auth/signup', {
      body: {
        email: 'nope',
        password: 'short',
        role: 'admin',
        name: 'A\r\nBcc: x@y.z',
        phone: '0207',
        timeZone: 'Mars/Base',
      },
    });
    expectProblem(response, 400, 'validation-failed');
    expect(response.body.errors.map((e) => e.path).sort()).toEqual([
      'body.email',
      'body.name',
      'body.password',
      'body.phone',
      'body.role',
      'body.timeZone',
    ]);
  });
});
