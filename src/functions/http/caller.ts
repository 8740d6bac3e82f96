import type { Access } from '../../manifest';
import type { Role } from '../../domain/profile';
import { isRole } from '../../domain/profile';
import { ForbiddenError, UnauthenticatedError } from '../../domain/errors';

/**
 * What the authorizer passes to every handler in `requestContext.authorizer.lambda`. API Gateway allows only
 * flat string, number and boolean values here.
 */
export type AuthorizerContext =
  | { authenticated: true; sub: string; email: string; role: string; exp: number }
  | { authenticated: false; reason: string };

/** The signed-in user making a request. */
export interface Caller {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
}

/**
 * The caller of a route with the given access rule, or an error: 401 without a valid token (or once the token
 * expired, even if the authorizer's cached answer is still fresh), 403 with a role the route does not admit.
 *
 * @example callerFor('director', event.requestContext.authorizer?.lambda, new Date())
 */
export function callerFor(
  access: Exclude<Access, 'public'>,
  context: AuthorizerContext | undefined,
  now: Date,
): Caller {
  if (!context?.authenticated) throw new UnauthenticatedError('Sign in and send the ID token as a Bearer token.');
  if (context.exp * 1000 <= now.getTime()) throw new UnauthenticatedError('The token has expired; sign in again.');
  if (!isRole(context.role)) throw new ForbiddenError('This account has no role.');
  if (access !== 'signed-in' && context.role !== access) {
    throw new ForbiddenError(`Only a ${access} may do this.`);
  }
  return { userId: context.sub, email: context.email, role: context.role };
}
