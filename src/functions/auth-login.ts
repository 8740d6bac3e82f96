import { logIn } from '../adapters/cognito/identity-provider';
import { completeRegistration } from '../domain/accounts';
import { accountDependencies, pool } from './context';
import { publicRoute } from './http/handler';
import { logInRequest } from '../schemas/auth';

/** The claims of a token Cognito just issued to us (read only to see whether the account has a role). */
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

/**
 * Logs in. A token without a role group means the registration stopped part-way (e.g. a crash after Cognito
 * sent the code): it is completed from the recorded request, and a token with the role is issued instead.
 */
export const handler = publicRoute('auth-login', { body: logInRequest }, {}, async ({ body }) => {
  const tokens = await logIn(pool(), body.email, body.password);
  if (Array.isArray(claimsOf(tokens.idToken)['cognito:groups'])) return { body: tokens };
  const outcome = await completeRegistration(accountDependencies(), body.email);
  return { body: outcome === 'completed-now' ? await logIn(pool(), body.email, body.password) : tokens };
});
