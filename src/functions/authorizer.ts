import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
  Context,
} from 'aws-lambda';
import { config } from '../config';
import type { TokenVerifier } from '../adapters/cognito/token-verifier';
import { cognitoTokenVerifier } from '../adapters/cognito/token-verifier';
import { isRole } from '../domain/profile';
import type { AuthorizerContext } from './http/caller';
import { lineLogger } from './line-logger';

const logger = lineLogger('audition-me');

let verify: TokenVerifier | undefined;

/**
 * The Lambda REQUEST authorizer (simple responses). It authenticates; it does not decide access. A valid
 * Cognito ID token yields the caller's sub, email and role; anything else yields `authenticated: false`, and
 * the route's handler answers 401 or 403 as application/problem+json from the manifest's access rule (API
 * Gateway's own deny is a bare 403 that could not say why).
 */
export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
  context: Context,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>> {
  logger.addContext(context);
  const header = event.headers?.authorization ?? event.identitySource?.[0] ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) return { isAuthorized: true, context: { authenticated: false, reason: 'no-bearer-token' } };
  const { userPoolId, userPoolClientId: clientId } = config();
  verify ??= cognitoTokenVerifier({ userPoolId, clientId });
  try {
    const verified = await verify(token);
    const role = verified.groups.find(isRole) ?? 'none';
    return {
      isAuthorized: true,
      context: { authenticated: true, sub: verified.sub, email: verified.email, role, exp: verified.exp },
    };
  } catch (error) {
    logger.info('token refused', { reason: error instanceof Error ? error.name : 'unknown' });
    return { isAuthorized: true, context: { authenticated: false, reason: 'invalid-token' } };
  }
}
