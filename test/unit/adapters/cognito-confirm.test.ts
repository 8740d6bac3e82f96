import {
  CodeMismatchException,
  CognitoIdentityProviderClient,
  NotAuthorizedException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { confirmSignUp } from '../../../src/adapters/cognito/identity-provider';
import { InvalidConfirmationCodeError } from '../../../src/domain/errors';

const pool = { userPoolId: 'eu-west-1_x', clientId: 'client' };
const $metadata = {};

describe('confirmSignUp: every refused code is the same answer, one that says what to do next', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [
      'a confirmed account (a second click)',
      new NotAuthorizedException({ message: 'User cannot be confirmed. Current status is CONFIRMED', $metadata }),
    ],
    [
      'an address with no account',
      new UserNotFoundException({ message: 'Username/client id combination not found.', $metadata }),
    ],
    ['a wrong code', new CodeMismatchException({ message: 'Invalid verification code provided', $metadata })],
  ])('%s', async (_case, refusal) => {
    vi.spyOn(CognitoIdentityProviderClient.prototype, 'send').mockImplementation(async () => {
      throw refusal;
    });
    const confirming = confirmSignUp(pool, 'ann@example.com', '123456');
    await expect(confirming).rejects.toBeInstanceOf(InvalidConfirmationCodeError);
    await expect(confirming).rejects.toThrow(
      'The confirmation code is wrong or has expired. If you have confirmed your email address already, sign in.',
    );
  });
});
