import type {
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod/mini';
import { routeOf } from '../../manifest';
import type { RouteName, contracts } from '../../schemas/contracts';
import { DomainError, NotFoundError, ServiceUnavailableError, ValidationError } from '../../domain/errors';
import { isThrottling } from '../../adapters/aws-errors';
import type { Profile } from '../../domain/profile';
import type { Stores } from '../stores';
import { stores } from '../stores';
import type { AuthorizerContext, Caller } from './caller';
import { callerFor } from './caller';
import { domainErrorResponse, problem, problemResponse } from './problem';
import { jsonBody } from './request-body';
import { logger } from '../logger';

export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;
export type HttpHandler = (event: HttpEvent, context?: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface HttpRequest<B, Q, P> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  /** When API Gateway received the request. */
  readonly receivedAt: Date;
  readonly event: HttpEvent;
  /** The stores, built on this deployment's table. */
  readonly stores: Stores;
}

/** A request of a signed-in caller. */
export interface ProtectedRequest {
  /** The caller's profile (read once, when first asked); `NotFoundError` when the account has none. */
  readonly callerProfile: () => Promise<Profile>;
  /** The caller's own time zone (from the same profile read), for the times in a view. */
  readonly readerTimeZone: () => Promise<string>;
}

export interface HttpResponse {
  readonly status?: number;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as it is, for a non-JSON body; set its content-type in `headers`. */
  readonly text?: string;
  readonly headers?: Record<string, string>;
  readonly cookies?: string[];
}

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
type Field<K extends RouteName, F extends string> =
  (typeof contracts)[K] extends Record<F, infer S> ? Out<S> : undefined;
/** The validated request of route K, typed from its contract. */
export type RequestOf<K extends RouteName> = HttpRequest<Field<K, 'body'>, Field<K, 'query'>, Field<K, 'params'>>;

/**
 * The schemas route K validates its request with: the ones its contract in `src/schemas/contracts.ts` names (the
 * type requires exactly those, and `test/unit/functions/route-schemas.test.ts` checks they are the same objects).
 * Each function imports them itself rather than the whole table of contracts, so its bundle carries only its own
 * route's validation.
 */
export type RequestSchemas<K extends RouteName> = Pick<
  (typeof contracts)[K],
  Extract<keyof (typeof contracts)[K], 'body' | 'query' | 'params'>
>;

interface AnyRequestSchemas {
  readonly body?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  readonly params?: z.ZodMiniType;
}

/** A route's handler, with the request schemas it validates with (for the check that they match its contract). */
export type RouteHandler = HttpHandler & { readonly requestSchemas: AnyRequestSchemas };

function parse(schema: z.ZodMiniType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(
      result.error.issues.map((issue) => ({
        path: [where, ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  return result.data;
}

function toResult(response: HttpResponse): APIGatewayProxyStructuredResultV2 {
  const status = response.status ?? 200;
  if (response.text !== undefined) {
    return { statusCode: status, headers: { 'cache-control': 'no-store', ...response.headers }, body: response.text };
  }
  const hasBody = response.body !== undefined;
  return {
    statusCode: status,
    headers: {
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      'cache-control': 'no-store',
      ...response.headers,
    },
    cookies: response.cookies,
    body: hasBody ? JSON.stringify(response.body) : '',
  };
}

function errorResult(error: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  if (isThrottling(error)) {
    logger.warn('dependency throttled', { requestId, error });
    return domainErrorResponse(new ServiceUnavailableError('We are busy; try again in a few seconds.', 2), requestId);
  }
  if (error instanceof DomainError) return domainErrorResponse(error, requestId);
  logger.error('unexpected error', { requestId, error });
  return problemResponse(problem('internal', 'An unexpected error occurred; it has been logged.', { requestId }));
}

function build<K extends RouteName>(
  name: K,
  schemas: AnyRequestSchemas,
  handle: (request: RequestOf<K>, caller: Caller | undefined) => Promise<HttpResponse>,
): RouteHandler {
  const route = routeOf(name);
  const handler: HttpHandler = async (event, context) => {
    if (context) logger.addContext(context);
    const requestId = event.requestContext.requestId;
    try {
      const receivedAt = new Date(event.requestContext.timeEpoch);
      const caller =
        route.access === 'public'
          ? undefined
          : callerFor(route.access, event.requestContext.authorizer?.lambda, receivedAt);
      const request = {
        body: parse(schemas.body, schemas.body ? jsonBody(event) : undefined, 'body'),
        query: parse(schemas.query, event.queryStringParameters ?? {}, 'query'),
        params: parse(schemas.params, event.pathParameters ?? {}, 'path'),
        receivedAt,
        event,
        get stores() {
          return stores();
        },
        ...(caller ? callerReads(caller) : {}),
      } as RequestOf<K>;
      return toResult(await handle(request, caller));
    } catch (error) {
      return errorResult(error, requestId);
    }
  };
  return Object.assign(handler, { requestSchemas: schemas });
}

/**
 * A handler for a public route of the manifest: validates the request with the route's schemas (those of its
 * contract in `src/schemas/contracts.ts`), calls `handle`, and maps every error to `application/problem+json`.
 * Handlers throw; they never build error bodies.
 *
 * @example export const handler = publicRoute('auth-login', { body: logInRequest }, async ({ body }) => ({ body: await logIn(…) }));
 */
export function publicRoute<K extends RouteName>(
  name: K,
  schemas: RequestSchemas<K>,
  handle: (request: RequestOf<K>) => Promise<HttpResponse>,
): RouteHandler {
  return build(name, schemas, (request) => handle(request));
}

/**
 * A handler for a route that needs a signed-in caller; the route's access rule comes from the manifest.
 *
 * @example export const handler = protectedRoute('me-get', {}, async (_request, caller) => ({ body: … }));
 */
export function protectedRoute<K extends RouteName>(
  name: K,
  schemas: RequestSchemas<K>,
  handle: (request: RequestOf<K> & ProtectedRequest, caller: Caller) => Promise<HttpResponse>,
): RouteHandler {
  if (routeOf(name).access === 'public') throw new Error(`${name} is a public route; use publicRoute`);
  return build(name, schemas, (request, caller) =>
    handle(request as RequestOf<K> & ProtectedRequest, caller as Caller),
  );
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** What a protected request reads about its caller, each read at most once. */
function callerReads(caller: Caller): ProtectedRequest {
  const callerProfile = once(async () => {
    const profile = await stores().profiles.get(caller.userId);
    if (!profile) throw new NotFoundError('No profile exists for this account.');
    return profile;
  });
  return { callerProfile, readerTimeZone: async () => (await callerProfile()).timeZone };
}
