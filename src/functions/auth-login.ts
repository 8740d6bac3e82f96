import { config } from '../config';
import { logIn } from '../adapters/cognito/identity-provider';
import { logInRequest } from '../schemas/auth';
import { publicRoute } from './http/handler';

export const handler = publicRoute('auth-login', { body: logInRequest }, async ({ body }) => {
  const { userPoolId, userPoolClientId: clientId } = config();
  return { body: await logIn({ userPoolId, clientId }, body.email, body.password) };
});
