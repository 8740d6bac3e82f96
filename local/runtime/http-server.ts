import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { FunctionDefinition, HttpRoute } from '../../src/manifest';
import { cors } from '../../src/manifest';
import type { AnyHandler } from './handlers';
import type { RouteThrottles } from './route-throttle';
import { invoke } from './invocation';
import { DomainError } from '../../src/domain/errors';
import { domainErrorResponse } from '../../src/functions/http/problem';

/** API Gateway's own payload limit; the handlers enforce the API's smaller one. */
const gatewayMaxBytes = 10 * 1024 * 1024;
const authorizerCacheSeconds = 300;

interface BoundRoute {
  readonly route: HttpRoute;
  readonly pattern: RegExp;
  readonly parameterNames: string[];
  readonly definition: FunctionDefinition;
  readonly handler: AnyHandler;
}

export interface HttpFunction {
  readonly definition: FunctionDefinition;
  readonly route: HttpRoute;
  readonly handler: AnyHandler;
}

export interface HttpServerOptions {
  readonly port: number;
  readonly routes: readonly HttpFunction[];
  readonly authorizer: { definition: FunctionDefinition; handler: AnyHandler };
  /** The manifest's route throttles (`HttpRoute.throttle`); without it none are applied. */
  readonly throttles?: RouteThrottles;
  /** Extra local-only endpoints under `/__local/`; return undefined to fall through to a 404. */
  readonly localEndpoints?: (
    request: IncomingMessage,
    body: Buffer,
  ) => Promise<{ status: number; body: unknown } | undefined>;
}

function bind(fn: HttpFunction): BoundRoute {
  const parameterNames: string[] = [];
  const source = fn.route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{(\w+)(\\\+)?\}/g, (_m, name: string, greedy?: string) => {
      parameterNames.push(name);
      return greedy ? '(.+)' : '([^/]+)';
    });
  return { ...fn, pattern: new RegExp(`^${source}$`), parameterNames };
}

/** A path segment decoded; a malformed one is passed on as it came, for the handler's validation to refuse. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function textual(contentType: string | undefined): boolean {
  return (
    !contentType || /^(text\/|application\/([\w.+-]*json|xml|x-www-form-urlencoded|javascript))/i.test(contentType)
  );
}

/** Headers as API Gateway passes them: lower-case names, repeated values joined with commas. */
function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function queryParameters(search: URLSearchParams): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  for (const key of new Set(search.keys())) result[key] = search.getAll(key).join(',');
  return Object.keys(result).length ? result : undefined;
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > gatewayMaxBytes) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The CORS headers API Gateway adds to every response when the API has a CORS rule. */
const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': cors.exposeHeaders.join(','),
};

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>), ...corsHeaders };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body ?? '';
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

const gatewayMessage = (statusCode: number, message: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message }),
});

/** Payload 2.0 lets a handler return a bare value; API Gateway then answers 200 with it as JSON. */
function normalise(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (result && typeof result === 'object' && 'statusCode' in result)
    return result as APIGatewayProxyStructuredResultV2;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof result === 'string' ? result : JSON.stringify(result),
  };
}

/**
 * An HTTP server that behaves like API Gateway's HTTP API for the manifest's routes: it applies the routes'
 * throttles, builds payload 2.0 events, runs the Lambda REQUEST authorizer (simple responses, identity source `$request.header.Authorization`,
 * results cached per header value) before every non-public route, and writes back status, headers, cookies and
 * base64 bodies.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<Server> {
  const routes = options.routes.map(bind);
  const authorizerCache = new Map<
    string,
    { expires: number; result: APIGatewaySimpleAuthorizerWithContextResult<Record<string, unknown>> }
  >();

  async function authorize(event: APIGatewayRequestAuthorizerEventV2, header: string) {
    const cached = authorizerCache.get(header);
    if (cached && cached.expires > Date.now()) return cached.result;
    const { definition, handler } = options.authorizer;
    const result = (await invoke(definition, handler, event)) as APIGatewaySimpleAuthorizerWithContextResult<
      Record<string, unknown>
    >;
    authorizerCache.set(header, { expires: Date.now() + authorizerCacheSeconds * 1000, result });
    return result;
  }

  async function handle(request: IncomingMessage): Promise<APIGatewayProxyStructuredResultV2> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      return {
        statusCode: 204,
        headers: {
          'access-control-allow-methods': cors.allowMethods.join(','),
          'access-control-allow-headers': cors.allowHeaders.join(','),
          'access-control-max-age': String(cors.maxAgeSeconds),
        },
      };
    }
    const body = await readBody(request);
    if (body === 'too-large') return gatewayMessage(413, 'Request Entity Too Large');
    if (url.pathname.startsWith('/__local/') && options.localEndpoints) {
      let local: Awaited<ReturnType<typeof options.localEndpoints>>;
      try {
        local = await options.localEndpoints(request, body);
      } catch (error) {
        // Bad input to a helper route is the caller's mistake: answer it as the API answers its own.
        if (error instanceof DomainError) return domainErrorResponse(error);
        throw error;
      }
      if (local)
        return {
          statusCode: local.status,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(local.body),
        };
    }
    const method = request.method ?? 'GET';
    let match: { bound: BoundRoute; values: RegExpExecArray } | undefined;
    for (const bound of routes) {
      const values = bound.route.method === method ? bound.pattern.exec(url.pathname) : null;
      if (values) match = { bound, values };
    }
    if (!match) return gatewayMessage(404, 'Not Found');
    const { bound, values } = match;
    const { throttle } = bound.route;
    if (
      throttle &&
      options.throttles &&
      !options.throttles.admit(`${method} ${bound.route.path}`, throttle, Date.now())
    ) {
      return gatewayMessage(429, 'Too Many Requests');
    }
    const pathParameters = Object.fromEntries(
      bound.parameterNames.map((name, i) => [name, decodedSegment(values[i + 1] ?? '')]),
    );
    const headers = flatHeaders(request);
    const cookies = request.headers.cookie
      ?.split(';')
      .map((c) => c.trim())
      .filter(Boolean);
    const now = new Date();
    const routeKey = `${bound.route.method} ${bound.route.path}`;
    const requestContext: APIGatewayProxyEventV2['requestContext'] = {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    };
    const isText = textual(headers['content-type']);
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      cookies,
      headers,
      queryStringParameters: queryParameters(url.searchParams),
      pathParameters: bound.parameterNames.length ? pathParameters : undefined,
      requestContext,
      body: body.byteLength ? body.toString(isText ? 'utf8' : 'base64') : undefined,
      isBase64Encoded: body.byteLength > 0 && !isText,
    };

    let authorizerContext: Record<string, unknown> | undefined;
    if (bound.route.access !== 'public') {
      const authorization = headers.authorization;
      if (!authorization) return gatewayMessage(401, 'Unauthorized');
      const { body: _body, isBase64Encoded: _encoded, version: _v, ...rest } = event;
      const authorizerEvent: APIGatewayRequestAuthorizerEventV2 = {
        ...rest,
        version: '2.0',
        type: 'REQUEST',
        routeArn: `arn:aws:execute-api:us-east-1:000000000000:local/$default/${method}${url.pathname}`,
        identitySource: [authorization],
        pathParameters: event.pathParameters ?? {},
        queryStringParameters: event.queryStringParameters ?? {},
        cookies: cookies ?? [],
      } as APIGatewayRequestAuthorizerEventV2;
      try {
        const result = await authorize(authorizerEvent, authorization);
        if (!result.isAuthorized) return gatewayMessage(403, 'Forbidden');
        authorizerContext = result.context;
      } catch {
        return gatewayMessage(500, 'Internal Server Error');
      }
    }
    const handlerEvent = authorizerContext
      ? { ...event, requestContext: { ...requestContext, authorizer: { lambda: authorizerContext } } }
      : event;
    try {
      return normalise(await invoke(bound.definition, bound.handler, handlerEvent));
    } catch (error) {
      console.error(`[${bound.definition.name}] handler threw`, error);
      return gatewayMessage(500, 'Internal Server Error');
    }
  }

  const server = createServer((request, response) => {
    handle(request).then(
      (result) => send(response, result),
      (error: unknown) => {
        console.error('local API gateway failed', error);
        send(response, gatewayMessage(500, 'Internal Server Error'));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return server;
}
