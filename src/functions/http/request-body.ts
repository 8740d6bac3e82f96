import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MalformedJsonError, NestingTooDeepError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';

/** The largest body the API accepts, in bytes. */
export const maxBodyBytes = 64 * 1024;

/** How deeply arrays and objects may nest in a body; no request needs more than a few levels. */
export const maxNestingDepth = 32;

/** The JSON body of a request, after checking its media type and size; `undefined` when there is none. */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === '') return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.byteLength > maxBodyBytes) {
    throw new PayloadTooLargeError(`The body is ${bytes.byteLength} bytes; the limit is ${maxBodyBytes}.`);
  }
  const contentType = headerValue(event.headers, 'content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new UnsupportedMediaTypeError('Send the body as application/json.');
  }
  return parseJsonText(bytes.toString('utf8'));
}

/**
 * A JSON text as a value, refused with a problem error when it nests too deeply, is not JSON, or holds text that is
 * not valid Unicode. Shared by the API's bodies and the local runtime's helper routes.
 *
 * @example parseJsonText('{"a":[1]}') // { a: [1] }
 */
export function parseJsonText(text: string): unknown {
  // Checked on the text, before parsing: every walk over a parsed value would need as deep a stack.
  if (nestingDepth(text) > maxNestingDepth) {
    throw new NestingTooDeepError(`The body nests arrays or objects more than ${maxNestingDepth} levels deep.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedJsonError('The body could not be parsed as JSON.');
  }
  // A JSON escape can spell half a surrogate pair, which is not text: DynamoDB and SES would refuse it later.
  if (!wellFormed(parsed)) throw new MalformedJsonError('The body contains text that is not valid Unicode.');
  return parsed;
}

/**
 * The deepest nesting of `[` and `{` in a JSON text, ignoring brackets inside strings; one pass, no recursion.
 * Text that is not JSON gets some number back; JSON.parse refuses it afterwards.
 *
 * @example nestingDepth('{"a":[1,"]"]}') // 2
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when every string and key in the value is well-formed UTF-16; walks with a list, not the stack. */
function wellFormed(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (loneSurrogate.test(next)) return false;
    } else if (Array.isArray(next)) {
      for (const item of next as unknown[]) pending.push(item);
    } else if (next && typeof next === 'object') {
      for (const [key, v] of Object.entries(next)) pending.push(key, v);
    }
  }
  return true;
}

/** A header by name, ignoring case (API Gateway lower-cases them, but tests and other callers may not). */
export function headerValue(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
