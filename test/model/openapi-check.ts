/**
 * A minimal JSON Schema check of responses against the API's own `/openapi.json`, for the subset of JSON Schema
 * that document uses ($ref, type, properties, required, additionalProperties, items, enum, const, anyOf, oneOf,
 * allOf, bounds, pattern). No dependency: ajv is not one of ours.
 */
type Schema = Record<string, unknown>;

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

const typeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

function check(doc: OpenApiDocument, schema: Schema, value: unknown, at: string, errors: string[]): void {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) errors.push(`${at}: unknown $ref ${schema.$ref}`);
    else check(doc, target, value, at, errors);
    return;
  }
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const allowed = ([] as unknown[]).concat(schema.type);
    const ok = allowed.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!ok) {
      errors.push(`${at}: ${actual} is not ${allowed.join('|')}`);
      return;
    }
  }
  if (schema.nullable === true && value === null) return;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value))
    errors.push(`${at}: ${String(value)} not in enum`);
  if ('const' in schema && schema.const !== value)
    errors.push(`${at}: ${String(value)} is not ${String(schema.const)}`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: below minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: above maximum`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${at}: too short`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) errors.push(`${at}: too long`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      errors.push(`${at}: does not match ${schema.pattern}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${at}: too few items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${at}: too many items`);
    if (schema.items && typeof schema.items === 'object') {
      value.forEach((item, i) => check(doc, schema.items as Schema, item, `${at}[${i}]`, errors));
    }
  }
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in object)) errors.push(`${at}.${name}: required`);
    }
    for (const [name, item] of Object.entries(object)) {
      if (properties[name]) check(doc, properties[name], item, `${at}.${name}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${at}.${name}: not allowed`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        check(doc, schema.additionalProperties as Schema, item, `${at}.${name}`, errors);
      }
    }
  }
  for (const part of (schema.allOf ?? []) as Schema[]) check(doc, part, value, at, errors);
  for (const [keyword, exactlyOne] of [
    ['anyOf', false],
    ['oneOf', true],
  ] as const) {
    const options = schema[keyword] as Schema[] | undefined;
    if (!options) continue;
    const passing = options.filter((option) => {
      const inner: string[] = [];
      check(doc, option, value, at, inner);
      return inner.length === 0;
    }).length;
    if (passing === 0 || (exactlyOne && passing > 1)) errors.push(`${at}: ${passing} of the ${keyword} options match`);
  }
}

/** The path template of the document that a concrete path matches, e.g. /performances/{performanceId}. */
function templateOf(doc: OpenApiDocument, path: string): string | undefined {
  const parts = path.split('?')[0]!.split('/');
  return Object.keys(doc.paths).find((template) => {
    const t = template.split('/');
    return t.length === parts.length && t.every((p, i) => p.startsWith('{') || p === parts[i]);
  });
}

/**
 * The ways a response breaks the document (empty when it conforms): an undocumented route or status, a content
 * type the status does not declare, or a body its schema refuses.
 */
export function responseViolations(
  doc: OpenApiDocument,
  request: { method: string; path: string },
  response: { status: number; contentType: string; body: unknown },
): string[] {
  const template = templateOf(doc, request.path);
  const where = `${request.method} ${request.path} → ${response.status}`;
  if (!template) return [`${where}: route not in the document`];
  const operation = doc.paths[template]?.[request.method.toLowerCase()];
  if (!operation) return [`${where}: method not in the document`];
  const documented = operation.responses[String(response.status)] ?? operation.responses.default;
  if (!documented) return [`${where}: status not documented`];
  if (!documented.content)
    return response.body === '' || response.body === undefined ? [] : [`${where}: body not documented`];
  const mediaType = response.contentType.split(';')[0]!.trim();
  const content = documented.content[mediaType];
  if (!content) return [`${where}: ${mediaType} not documented (${Object.keys(documented.content).join(', ')})`];
  const errors: string[] = [];
  check(doc, content.schema, response.body, 'body', errors);
  return errors.map((e) => `${where}: ${e}`);
}
