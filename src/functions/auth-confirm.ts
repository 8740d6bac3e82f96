import { confirmSignUp } from '../adapters/cognito/identity-provider';
import { completeRegistration } from '../domain/accounts';
import { accountDependencies, pool } from './context';
import { publicRoute } from './http/handler';
import { confirmSignUpRequest } from '../schemas/auth';

/** Confirms the emailed code, then makes sure the account has its role and profile (see registerAccount). */
export const handler = publicRoute('auth-confirm', { body: confirmSignUpRequest }, {}, async ({ body }) => {
  await confirmSignUp(pool(), body.email, body.code);
  await completeRegistration(accountDependencies(), body.email);
  return { status: 204 };
});
