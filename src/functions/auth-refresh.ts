import { refreshTokens } from '../adapters/cognito/identity-provider';
import { pool } from './context';
import { publicRoute } from './http/handler';
import { refreshRequest } from '../schemas/auth';

export const handler = publicRoute('auth-refresh', { body: refreshRequest }, {}, async ({ body }) => ({
  body: await refreshTokens(pool(), body.refreshToken),
}));
