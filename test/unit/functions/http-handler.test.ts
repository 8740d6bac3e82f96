import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { publicRoute, protectedRoute, type HttpEvent } from '../../../src/functions/http/handler';
import { NotFoundError } from '../../../src/domain/errors';
import { logInRequest } from '../../../src/schemas/auth';

function event(overrides: Partial<HttpEvent> = {}): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'POST /auth/login',
    rawPath: '/auth/login',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    isBase64Encoded: false,
    requestContext: {
      accountId: '1',
      apiId: 'a',
      domainName: 'd',
      domainPrefix: 'd',
      http: { method: 'POST', path: '/auth/login', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' },
      requestId: 'req-1',
      routeKey: 'POST /auth/login',
      stage: '$default',
      time: '',
      timeEpoch: Date.parse('2026-11-24T12:00:00Z'),
      authorizer: { lambda: { authenticated: false, reason: 'no-bearer-token' } },
    },
    ...overrides,
  } as HttpEvent;
}

const body = (result: APIGatewayProxyStructuredResultV2) => JSON.parse(result.body ?? '') as Record<string, unknown>;

describe('publicRoute', () => {
  // The route's contract validates the body: { email, password }; the email comes back lower-cased.
  const echo = publicRoute('auth-login', { body: logInRequest }, {}, async ({ body: input }) => ({
    body: { email: input.email },
  }));
  const login = JSON.stringify({ email: 'Ann@Example.com', password: 'pw' });

  it('passes the validated body to the handler and answers JSON', async () => {
    const result = await echo(event({ body: login }));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('application/json');
    expect(body(result)).toEqual({ email: 'ann@example.com' });
  });

  it('reads a base64 body', async () => {
    const result = await echo(event({ body: Buffer.from(login).toString('base64'), isBase64Encoded: true }));
    expect(body(result)).toEqual({ email: 'ann@example.com' });
  });

  it('answers validation failures with the field path', async () => {
    const result = await echo(event({ body: '{"email":"ann@example.com"}' }));
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(body(result)).toMatchObject({ code: 'validation-failed', errors: [{ path: 'body.password' }] });
  });

  it('maps domain errors through the one problem table', async () => {
    const missing = publicRoute('auth-login', { body: logInRequest }, {}, async () => {
      throw new NotFoundError('No such thing.');
    });
    const result = await missing(event({ body: login }));
    expect(result.statusCode).toBe(404);
    expect(body(result)).toMatchObject({
      type: '/problems/not-found',
      code: 'not-found',
      detail: 'No such thing.',
      requestId: 'req-1',
    });
  });

  it('answers an unexpected error with 500 and no internals', async () => {
    const broken = publicRoute('auth-login', { body: logInRequest }, {}, async () => {
      throw new Error('secret table name in a stack trace');
    });
    const result = await broken(event({ body: login }));
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('secret');
    expect(body(result)).toMatchObject({ code: 'internal' });
  });

  it('answers a throttled dependency with 503 and Retry-After', async () => {
    const throttled = publicRoute('auth-login', { body: logInRequest }, {}, async () => {
      throw Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
    });
    const result = await throttled(event({ body: login }));
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('2');
    expect(body(result)).toMatchObject({ code: 'service-unavailable' });
  });
});

describe('protectedRoute', () => {
  it('refuses to wrap a public route', () => {
    expect(() => protectedRoute('auth-login', { body: logInRequest }, {}, async () => ({}))).toThrow(/public route/);
  });

  it('answers 401 before the handler runs when the authorizer found no valid token', async () => {
    let ran = false;
    const me = protectedRoute('me-get', {}, {}, async () => {
      ran = true;
      return {};
    });
    const result = await me(event());
    expect(result.statusCode).toBe(401);
    expect(result.headers?.['www-authenticate']).toBe('Bearer');
    expect(ran).toBe(false);
  });
});
