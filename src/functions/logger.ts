import { lineLogger } from './line-logger';
import { redacted } from './redaction';

export { redacted } from './redaction';

/** `file:line:column` of the first frame of a stack, as Powertools writes an error's location. */
function locationOf(stack: string | undefined): string | undefined {
  const frame = stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  return frame ? /\(?([^\s()]+:\d+:\d+)\)?\s*$/.exec(frame)?.[1] : undefined;
}

/**
 * An error as a log line holds it: its name, code, status and message only (never its other fields: an SDK error
 * can carry whole items, with their contact details and access needs), its location, and its cause the same way.
 */
function formatError(error: Error): Record<string, unknown> {
  const { $metadata, Code, code } = error as Error & {
    $metadata?: { httpStatusCode?: number };
    Code?: unknown;
    code?: unknown;
  };
  return {
    name: error.name,
    location: locationOf(error.stack),
    message: redacted(error.message),
    ...(typeof (Code ?? code) === 'string' ? { code: Code ?? code } : {}),
    ...($metadata?.httpStatusCode ? { status: $metadata.httpStatusCode } : {}),
    ...(error.cause instanceof Error ? { cause: formatError(error.cause) } : {}),
  };
}

/** The attributes with every error in them (to a few levels deep) written by `formatError`. */
function withErrorsFormatted<T>(value: T, depth?: number): T;
function withErrorsFormatted(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return formatError(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => withErrorsFormatted(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withErrorsFormatted(v, depth + 1)]));
}

/**
 * The one structured logger of every function (its own module, so non-HTTP functions do not bundle the API's
 * schemas): the line logger, which costs nothing at init, writing errors by the rule above and every text with its
 * email addresses and phone numbers blanked out. Each handler calls `logger.addContext(context)` first, so every
 * line carries its Lambda request id.
 *
 * @example logger.addContext(context); logger.warn('email failed', { key, error });
 */
export const logger = lineLogger('audition-me', { prepare: withErrorsFormatted });
