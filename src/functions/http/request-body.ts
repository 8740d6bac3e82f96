import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../../domain/errors';

/** The largest body the API accepts, in bytes. */
export const maxBodyBytes = 64 * 1024;

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
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new MalformedJsonError('The body could not be parsed as JSON.');
  }
  // A JSON escape can spell half a surrogate pair, which is not text: DynamoDB and SES would refuse it later.
  if (!wellFormed(parsed)) throw new MalformedJsonError('The body contains text that is not valid Unicode.');
  return parsed;
}

function wellFormed(value: unknown): boolean {
  if (typeof value === 'string')
    return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
  if (Array.isArray(value)) return value.every(wellFormed);
  if (value && typeof value === 'object')
    return Object.entries(value).every(([k, v]) => wellFormed(k) && wellFormed(v));
  return true;
}

/** A header by name, ignoring case (API Gateway lower-cases them, but tests and other callers may not). */
export function headerValue(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
