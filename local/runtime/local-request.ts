import type { z } from 'zod';
import { ValidationError } from '../../src/domain/errors';
import { parseJsonText } from '../../src/functions/http/request-body';

/**
 * The JSON body of a local helper route (`/__local/…`), checked like the API's own bodies: broken JSON, deep
 * nesting and a wrong shape become the same problem errors the API answers with, never a 500. An empty body
 * reads as `{}`.
 *
 * @example localRequestBody(Buffer.from('{"time":"2030-01-01T00:00:00Z"}'), z.strictObject({ time: z.string() }))
 */
export function localRequestBody<S extends z.ZodType>(body: Buffer, schema: S): z.output<S> {
  const parsed = parseJsonText(body.byteLength ? body.toString('utf8') : '{}');
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new ValidationError(
      result.error.issues.map((issue) => ({
        path: ['body', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  return result.data;
}
