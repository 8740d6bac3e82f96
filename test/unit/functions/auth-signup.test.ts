import {
  CodeDeliveryFailureException,
  CognitoIdentityProviderClient,
  LimitExceededException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../../src/functions/auth-signup';
import type { HttpEvent } from '../../../src/functions/http/handler';
import { stubFunctionEnv } from '../../support/function-env';

/** The event API Gateway sends for a public POST with a JSON body. */
function event(method: string, path: string, body: unknown): HttpEvent {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '1',
      apiId: 'a',
      domainName: 'd',
      domainPrefix: 'd',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' },
      requestId: 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '',
      timeEpoch: Date.parse('2026-11-24T12:00:00Z'),
      authorizer: { lambda: { authenticated: false, reason: 'no-bearer-token' } },
    },
  } as HttpEvent;
}

const signUp = {
  email: 'ann@example.com',
  password: 'a-long-password',
  role: 'performer',
  name: 'Ann',
  phone: '+442071838750',
  timeZone: 'Europe/London',
};

/** Cognito as a fake: no user yet, and SignUp fails with `error`; DynamoDB accepts every write. */
function cognitoFailingSignUpWith(error: Error) {
  vi.spyOn(CognitoIdentityProviderClient.prototype, 'send').mockImplementation(async (command: object) => {
    if (command.constructor.name === 'AdminGetUserCommand') {
      throw new UserNotFoundException({ message: 'User does not exist.', $metadata: {} });
    }
    throw error;
  });
  vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(async () => ({}));
}

describe('POST /auth/signup when Cognito cannot send its email', () => {
  beforeEach(() => {
    stubFunctionEnv();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it.each([
    [
      'the daily email quota is used up',
      new LimitExceededException({ message: 'Exceeded daily email limit', $metadata: {} }),
    ],
    [
      'the code could not be delivered',
      new CodeDeliveryFailureException({ message: 'Unable to deliver', $metadata: {} }),
    ],
  ])('answers 503 with Retry-After and a plain message when %s', async (_case, error) => {
    cognitoFailingSignUpWith(error);
    const result = await handler(event('POST', '/auth/signup', signUp));
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(Number(result.headers?.['retry-after'])).toBeGreaterThan(0);
    const problem = JSON.parse(result.body ?? '') as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 503, code: 'service-unavailable' });
    expect(String(problem.detail)).toMatch(/email/i);
    expect(String(problem.detail)).not.toMatch(/exception|limit exceeded/i);
  });
});
