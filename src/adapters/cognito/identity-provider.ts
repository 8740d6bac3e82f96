import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  CodeDeliveryFailureException,
  CodeMismatchException,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  ExpiredCodeException,
  InitiateAuthCommand,
  InvalidPasswordException,
  LimitExceededException,
  NotAuthorizedException,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  TooManyRequestsException,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityProvider } from '../../domain/accounts';
import {
  EmailTakenError,
  InvalidConfirmationCodeError,
  InvalidCredentialsError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UserNotConfirmedError,
  ValidationError,
} from '../../domain/errors';
import type { Tokens } from '../../schemas/auth';

let client: CognitoIdentityProviderClient | undefined;
const cognito = () => (client ??= new CognitoIdentityProviderClient({}));

/** The one Cognito client of this process (the local runtime adds middleware to it to enforce permissions). */
export const cognitoClient = (): CognitoIdentityProviderClient => cognito();

export interface PoolSettings {
  readonly userPoolId: string;
  readonly clientId: string;
}

/**
 * Why a code was refused, said the same whether the address has no account, a wrong code, or is confirmed already
 * (a second click, a second tab), so the answer tells no one which addresses have accounts.
 */
const codeRefused =
  'The confirmation code is wrong or has expired. If you have confirmed your email address already, sign in.';

/** Cognito errors a caller can act on, as domain errors; anything else is passed on unchanged. */
function translate(error: unknown): unknown {
  if (error instanceof UsernameExistsException) return new EmailTakenError('An account with this email exists.');
  if (error instanceof InvalidPasswordException) {
    return new ValidationError([{ path: 'password', message: error.message }], 'The password is not accepted.');
  }
  if (error instanceof CodeMismatchException || error instanceof ExpiredCodeException) {
    return new InvalidConfirmationCodeError(codeRefused, { cause: error });
  }
  if (error instanceof UserNotConfirmedException) {
    return new UserNotConfirmedError('Confirm your email address with the code we sent first.');
  }
  if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException) {
    return new InvalidCredentialsError('The email or password is wrong.', { cause: error });
  }
  if (error instanceof TooManyRequestsException) {
    return new TooManyRequestsError('Too many attempts; wait a minute.', 60, { cause: error });
  }
  // Cognito's quotas (above all the daily number of emails it may send) and a failed email: the account is fine,
  // the email with the code could not go out now.
  if (error instanceof LimitExceededException) {
    return new ServiceUnavailableError(
      'We cannot send the email with your code right now: too many emails went out today. Please try again in an hour.',
      3600,
      { cause: error },
    );
  }
  if (error instanceof CodeDeliveryFailureException) {
    return new ServiceUnavailableError(
      'We could not send the email with your code. Please try again in a few minutes.',
      300,
      { cause: error },
    );
  }
  return error;
}

async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw translate(error);
  }
}

/** The identity provider backed by a Cognito user pool whose usernames are email addresses. */
export function cognitoIdentityProvider({ userPoolId, clientId }: PoolSettings): IdentityProvider {
  return {
    signUp: (email, password, { name, phone }) =>
      call(async () => {
        const result = await cognito().send(
          new SignUpCommand({
            ClientId: clientId,
            Username: email,
            Password: password,
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'name', Value: name },
              { Name: 'phone_number', Value: phone },
            ],
          }),
        );
        if (!result.UserSub) throw new Error('Cognito SignUp returned no UserSub');
        return result.UserSub;
      }),
    findUser: (email) =>
      call(async () => {
        let user;
        try {
          user = await cognito().send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
        } catch (error) {
          if (error instanceof UserNotFoundException) return undefined;
          throw error;
        }
        const attribute = (name: string) => user.UserAttributes?.find((a) => a.Name === name)?.Value;
        const sub = attribute('sub');
        if (!sub) throw new Error('Cognito returned a user without a sub');
        return {
          userId: sub,
          confirmed: user.UserStatus !== 'UNCONFIRMED',
          name: attribute('name'),
          phone: attribute('phone_number'),
        };
      }),
    resendCode: (email) =>
      call(async () => {
        await cognito().send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: email }));
      }),
    addToGroup: (email, role) =>
      call(async () => {
        await cognito().send(
          new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: role }),
        );
      }),
  };
}

/** Checks the code Cognito emailed at sign-up. */
export async function confirmSignUp({ clientId }: PoolSettings, email: string, code: string): Promise<void> {
  try {
    await call(async () => {
      await cognito().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }));
    });
  } catch (error) {
    // Cognito refuses a confirmed account (NotAuthorized: "Current status is CONFIRMED") and an unknown address:
    // here no password was given, so "the email or password is wrong" would mislead.
    if (error instanceof InvalidCredentialsError) throw new InvalidConfirmationCodeError(codeRefused, { cause: error });
    throw error;
  }
}

/** Exchanges email and password for tokens (USER_PASSWORD_AUTH). */
export async function logIn({ clientId }: PoolSettings, email: string, password: string): Promise<Tokens> {
  try {
    return await call(() => initiatePasswordAuth(clientId, email, password));
  } catch (error) {
    // cognito-local answers a wrong password with InvalidPasswordException; at log-in it can only mean that.
    if (error instanceof ValidationError) throw new InvalidCredentialsError('The email or password is wrong.');
    throw error;
  }
}

async function initiatePasswordAuth(clientId: string, email: string, password: string): Promise<Tokens> {
  const { AuthenticationResult: result } = await cognito().send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  if (!result?.IdToken || !result.AccessToken) throw new InvalidCredentialsError('The email or password is wrong.');
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken: result.RefreshToken,
    expiresIn: result.ExpiresIn ?? 3600,
  };
}

/** Exchanges a refresh token for new ID and access tokens (REFRESH_TOKEN_AUTH). */
export function refreshTokens({ clientId }: PoolSettings, refreshToken: string): Promise<Tokens> {
  return call(async () => {
    const { AuthenticationResult: result } = await cognito().send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    );
    if (!result?.IdToken || !result.AccessToken) throw new InvalidCredentialsError('Sign in again.');
    return {
      idToken: result.IdToken,
      accessToken: result.AccessToken,
      refreshToken: result.RefreshToken ?? refreshToken,
      expiresIn: result.ExpiresIn ?? 3600,
    };
  });
}
