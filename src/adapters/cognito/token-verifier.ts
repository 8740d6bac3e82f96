import { CognitoJwtVerifier } from 'aws-jwt-verify/cognito-verifier';
import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { PoolSettings } from './identity-provider';

export interface VerifiedToken {
  readonly sub: string;
  readonly email: string;
  readonly groups: readonly string[];
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

const loopback = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;

function toVerified(payload: JwtPayload): VerifiedToken {
  const groups = payload['cognito:groups'];
  return {
    sub: String(payload.sub),
    email: String(payload.email ?? ''),
    groups: Array.isArray(groups) ? groups.map(String) : [],
    exp: Number(payload.exp),
  };
}

/**
 * A verifier of Cognito ID tokens with the issuer and the app client pinned.
 *
 * In AWS it trusts only the real Cognito issuer of the pool. When the SDK's Cognito endpoint points at a
 * loopback address (the local stand-in, `cognito-local`), it trusts that issuer instead and fetches its JWKS
 * over http, which aws-jwt-verify's Cognito verifier refuses; any other endpoint is ignored, so a deployed
 * function can never be made to trust a non-Cognito issuer by configuration.
 *
 * @example const verify = cognitoTokenVerifier(pool); const { sub, groups } = await verify(idToken);
 */
export function cognitoTokenVerifier({ userPoolId, clientId }: PoolSettings): TokenVerifier {
  const endpoint = process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER?.replace(/\/$/, '');
  if (endpoint && loopback.test(endpoint)) return localVerifier(`${endpoint}/${userPoolId}`, clientId);

  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' });
  return async (token) => toVerified(await verifier.verify(token));
}

function localVerifier(issuer: string, clientId: string): TokenVerifier {
  const verifier = JwtVerifier.create({
    issuer,
    audience: clientId,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== 'id') throw new Error('Not an ID token');
    },
  });
  let jwksLoaded: Promise<void> | undefined;
  const loadJwks = async () => {
    const response = await fetch(`${issuer}/.well-known/jwks.json`);
    if (!response.ok) throw new Error(`JWKS fetch failed: ${response.status}`);
    verifier.cacheJwks((await response.json()) as Jwks);
  };
  return async (token) => {
    jwksLoaded ??= loadJwks().catch((error: unknown) => {
      jwksLoaded = undefined;
      throw error;
    });
    await jwksLoaded;
    return toVerified(await verifier.verify(token));
  };
}
