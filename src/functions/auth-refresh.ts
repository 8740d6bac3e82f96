import { refreshTokens } from '../adapters/cognito/identity-provider';
import { pool } from './context';
import { publicRoute } from './http/handler';

export const handler = publicRoute('auth-refresh', async ({ body }) => ({
  body: await refreshTokens(pool(), body.refreshToken),
}));
