import { describe, expect, it } from 'vitest';
import { functions } from '../../src/manifest';
import { openApiDocument } from '../../src/openapi';

describe('the OpenAPI document', () => {
  const document = openApiDocument() as {
    openapi: string;
    paths: Record<
      string,
      Record<
        string,
        { operationId: string; security?: unknown[]; requestBody?: unknown; responses: Record<string, unknown> }
      >
    >;
  };

  it('is OpenAPI 3.1 and lists exactly the manifest’s routes', () => {
    expect(document.openapi).toBe('3.1.0');
    const listed = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const routes = functions.flatMap((f) =>
      f.trigger.kind === 'http' ? [`${f.trigger.route.method} ${f.trigger.route.path}`] : [],
    );
    expect(listed.sort()).toEqual(routes.sort());
  });

  it('marks public routes as needing no token and documents bodies and problems', () => {
    expect(document.paths['/auth/login']?.post?.security).toEqual([]);
    expect(document.paths['/me']?.get?.security).toBeUndefined();
    expect(document.paths['/performances']?.post?.requestBody).toBeDefined();
    expect(Object.keys(document.paths['/performances/{performanceId}/signup']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '404', '409', '413', '500']),
    );
  });

  type Responses = Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, ...op })),
  );

  it('documents API Gateway’s own application/json answers beside the problems, where the gateway gives them', () => {
    for (const op of operations) {
      const responses = op.responses as Responses;
      if (op.security !== undefined) continue; // public: no authorizer, so no gateway 401
      const unauthorized = responses['401']?.content ?? {};
      expect(Object.keys(unauthorized).sort(), op.where).toEqual(['application/json', 'application/problem+json']);
      expect(unauthorized['application/json']?.schema, op.where).toEqual({
        $ref: '#/components/schemas/GatewayMessage',
      });
    }
    const full = document as unknown as {
      components: { schemas: Record<string, unknown> };
      info: { description: string };
    };
    expect(full.components.schemas.GatewayMessage).toMatchObject({
      type: 'object',
      required: ['message'],
      properties: { message: { type: 'string' } },
    });
    expect(full.info.description).toMatch(/"message":\s*"Not Found"/);
  });

  it('names the servers it is served from', () => {
    const servers = (document as unknown as { servers?: { url: string }[] }).servers ?? [];
    expect(servers.map((s) => s.url)).toEqual(expect.arrayContaining(['/', 'http://127.0.0.1:3000']));
  });

  it('documents the calendar route’s text/calendar body', () => {
    const ok = (document.paths['/me/signups/{performanceId}/calendar.ics']?.get?.responses as Responses)['200'];
    expect(ok?.content?.['text/calendar']?.schema).toMatchObject({ type: 'string' });
  });

  it('gives every part of every response a type (no untyped property that a generated client sees as unknown)', () => {
    const untyped: string[] = [];
    const typed = (schema: Record<string, unknown>) =>
      ['type', '$ref', 'anyOf', 'oneOf', 'allOf', 'enum', 'const'].some((key) => key in schema);
    const visit = (schema: unknown, where: string) => {
      if (!schema || typeof schema !== 'object') return;
      const node = schema as Record<string, unknown>;
      if (!typed(node)) untyped.push(where);
      for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
        visit(child, `${where}.${name}`);
      }
      if (node.items) visit(node.items, `${where}[]`);
      if (node.additionalProperties && typeof node.additionalProperties === 'object') {
        visit(node.additionalProperties, `${where}{}`);
      }
      for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
        ((node[key] ?? []) as unknown[]).forEach((child, i) => visit(child, `${where}|${i}`));
      }
    };
    for (const op of operations) {
      for (const [status, response] of Object.entries(op.responses as Responses)) {
        for (const [media, { schema }] of Object.entries(response.content ?? {})) {
          visit(schema, `${op.where} ${status} ${media}`);
        }
      }
    }
    expect(untyped).toEqual([]);
  });
});
