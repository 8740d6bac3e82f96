import { config } from '../config';
import { confirmSignUp } from '../adapters/cognito/identity-provider';
import { publicRoute } from './http/handler';

export const handler = publicRoute('auth-confirm', async ({ body }) => {
  const { userPoolId, userPoolClientId: clientId } = config();
  await confirmSignUp({ userPoolId, clientId }, body.email, body.code);
  return { status: 204 };
});
