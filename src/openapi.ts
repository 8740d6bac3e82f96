import * as z from 'zod/mini';
import { functions } from './manifest';
import type { HttpRoute } from './manifest';
import type { Contract, RouteName } from './schemas/contracts';
import { contracts } from './schemas/contracts';
import { problemTypes } from './functions/http/problem';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return json;
};

const problemSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', enum: Object.keys(problemTypes) },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
    requestId: { type: 'string' },
  },
};

/**
 * The bodies API Gateway sends itself, before any function runs: 401 without an `Authorization` header, 403 when
 * the authorizer refuses, 404 for a route that does not exist, 413/429/500/503 from the gateway's own limits.
 */
const gatewayMessageSchema: JsonSchema = {
  type: 'object',
  required: ['message'],
  properties: { message: { type: 'string', examples: ['Unauthorized', 'Forbidden', 'Not Found'] } },
  description: 'API Gateway’s own answer (application/json), e.g. {"message":"Unauthorized"}.',
};

/** The statuses at which API Gateway itself may answer an operation, by who may call it. */
const gatewayStatuses = (access: HttpRoute['access']) =>
  new Set([...(access === 'public' ? [] : [401, 403]), 413, 500, 503]);

function parameters(contract: Contract): JsonSchema[] {
  const list = (schema: z.ZodMiniType | undefined, where: 'path' | 'query') => {
    if (!schema) return [];
    const json = schemaOf(schema, 'input');
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    return Object.entries(properties).map(([name, property]) => ({
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(property.description ? { description: property.description } : {}),
      schema: property,
    }));
  };
  return [...list(contract.params, 'path'), ...list(contract.query, 'query')];
}

function operation(name: RouteName, route: HttpRoute): JsonSchema {
  const contract: Contract = contracts[name];
  const fromGateway = gatewayStatuses(route.access);
  const problem = (status: number) => ({
    description: fromGateway.has(status) ? `Problem (${status}), or API Gateway’s own message` : `Problem (${status})`,
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      ...(fromGateway.has(status)
        ? { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } }
        : {}),
    },
  });
  const errorStatuses = new Set<number>([400, 500, 503, ...(contract.body ? [413] : [])]);
  if (route.access !== 'public') [401, 403].forEach((s) => errorStatuses.add(s));
  for (const code of contract.errors ?? []) errorStatuses.add(problemTypes[code].status);
  return {
    operationId: name,
    summary: contract.summary,
    'x-access': route.access,
    ...(route.access === 'public' ? { security: [] } : {}),
    parameters: parameters(contract),
    ...(contract.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(contract.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [contract.response.status]: {
        description: contract.response.description,
        ...(contract.response.schema
          ? { content: { 'application/json': { schema: schemaOf(contract.response.schema, 'output') } } }
          : {}),
        ...(contract.response.mediaType
          ? { content: { [contract.response.mediaType]: { schema: { type: 'string' } } } }
          : {}),
      },
      ...Object.fromEntries([...errorStatuses].sort().map((status) => [status, problem(status)])),
    },
  };
}

/**
 * The OpenAPI 3.1 document of every HTTP route in the manifest, generated from the routes' zod contracts.
 *
 * @example openApiDocument().paths['/performances'].get.operationId // 'performance-search'
 */
export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const fn of functions) {
    if (fn.trigger.kind !== 'http') continue;
    const route = fn.trigger.route;
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonSchema>)[route.method.toLowerCase()] = operation(
      fn.name as RouteName,
      route,
    );
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Audition Me API',
      version: '1.0.0',
      description:
        'Performers find performances and sign up to audition; directors post performances and cast. Errors are application/problem+json with a stable `code`. API Gateway answers some requests itself, before any function runs, with an application/json `GatewayMessage`: `{"message": "Unauthorized"}` (401) when a route that needs a token gets no `Authorization` header, `{"message": "Forbidden"}` (403) when the token is refused, `{"message": "Not Found"}` (404) for a method and path that is no route, and its own 413, 429, 500 and 503.',
    },
    servers: [
      { url: '/', description: 'The API that serves this document' },
      { url: 'http://127.0.0.1:3000', description: 'The local system (`npm start`)' },
    ],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The Cognito ID token from POST /auth/login.',
        },
      },
      schemas: { Problem: problemSchema, GatewayMessage: gatewayMessageSchema },
    },
    paths,
  };
}
