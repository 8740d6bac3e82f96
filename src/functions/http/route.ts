import type {
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod/mini';
import { routeOf } from '../../manifest';
import type { RouteName } from '../../schemas/contracts';
import { DomainError, ServiceUnavailableError, ValidationError } from '../../domain/errors';
import { isThrottling } from '../../adapters/aws-errors';
import type { AuthorizerContext, Caller } from './caller';
import { callerFor } from './caller';
import { domainErrorResponse, problem, problemResponse } from './problem';
import { jsonBody } from './request-body';
import { logger } from '../logger';

// The HTTP edge without the stores: validation, the caller, and every error as problem+json. handler.ts adds the
// stores for the routes that read the table; a route that does not (openapi-get) builds on this alone, so its
// bundle carries no SDK client.

export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;
export type HttpHandler = (event: HttpEvent, context?: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface HttpResponse {
  readonly status?: number;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as it is, for a non-JSON body; set its content-type in `headers`. */
  readonly text?: string;
  readonly headers?: Record<string, string>;
  readonly cookies?: string[];
}

export interface AnyRequestSchemas {
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

/** A validated request before the stores are added: what every route's edge reads from the event. */
export interface ParsedRequest {
  readonly body: unknown;
  readonly query: unknown;
  readonly params: unknown;
  /** When API Gateway received the request. */
  readonly receivedAt: Date;
  readonly event: HttpEvent;
}

/**
 * The handler of route `name`: checks the caller against the route's access rule, validates the request with
 * `schemas`, calls `handle`, and maps every error to `application/problem+json`.
 *
 * @example export const handler = routeHandler('openapi-get', {}, async () => ({ body: openApiDocument() }));
 */
export function routeHandler(
  name: RouteName,
  schemas: AnyRequestSchemas,
  handle: (request: ParsedRequest, caller: Caller | undefined) => Promise<HttpResponse>,
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
      const request: ParsedRequest = {
        body: parse(schemas.body, schemas.body ? jsonBody(event) : undefined, 'body'),
        query: parse(schemas.query, event.queryStringParameters ?? {}, 'query'),
        params: parse(schemas.params, event.pathParameters ?? {}, 'path'),
        receivedAt,
        event,
      };
      return toResult(await handle(request, caller));
    } catch (error) {
      return errorResult(error, requestId);
    }
  };
  return Object.assign(handler, { requestSchemas: schemas });
}
