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
});
