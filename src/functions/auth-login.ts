import { config } from '../config';
import { logIn } from '../adapters/cognito/identity-provider';
import { publicRoute } from './http/handler';

export const handler = publicRoute('auth-login', async ({ body }) => {
  const { userPoolId, userPoolClientId: clientId } = config();
  return { body: await logIn({ userPoolId, clientId }, body.email, body.password) };
});
