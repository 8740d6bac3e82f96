import { config } from '../config';
import { confirmSignUp } from '../adapters/cognito/identity-provider';
import { confirmSignUpRequest } from '../schemas/auth';
import { publicRoute } from './http/handler';

export const handler = publicRoute('auth-confirm', { body: confirmSignUpRequest }, async ({ body }) => {
  const { userPoolId, userPoolClientId: clientId } = config();
  await confirmSignUp({ userPoolId, clientId }, body.email, body.code);
  return { status: 204 };
});
