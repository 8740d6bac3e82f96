import { LogFormatter, LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

// What personal data looks like in free text: an email address, or a phone number in international form.
const emailAddress = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[A-Za-z]{2,}/g;
const phoneNumber = /\+[1-9][\d\s().-]{6,20}\d/g;

/**
 * A log text with email addresses and phone numbers blanked out.
 * @example redacted('no such user bo@example.com') // 'no such user [email]'
 */
export function redacted(text: string): string {
  return text.replace(emailAddress, '[email]').replace(phoneNumber, '[phone]');
}

function redactedValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redacted(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactedValue(v, depth + 1));
  // Errors are written by formatError below; other class instances (dates, sets) as they are.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactedValue(v, depth + 1)]));
}

/**
 * Powertools' structure (level, message, timestamp, service and the Lambda context: function name and request
 * id), with two rules so no log line holds personal data: an error is logged as its name, code, status and
 * message only (never its other fields: an SDK error can carry whole items, with their contact details and
 * access needs), and every text has its email addresses and phone numbers blanked out.
 */
class PrivateLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const base = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_arn: attributes.lambdaContext?.invokedFunctionArn,
      function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      xray_trace_id: attributes.xRayTraceId,
    };
    return new LogItem({ attributes: redactedValue({ ...base, ...additional }) as LogAttributes });
  }

  override formatError(error: Error): LogAttributes {
    const { $metadata, Code, code } = error as Error & {
      $metadata?: { httpStatusCode?: number };
      Code?: unknown;
      code?: unknown;
    };
    return {
      name: error.name,
      location: this.getCodeLocation(error.stack),
      message: redacted(error.message),
      ...(typeof (Code ?? code) === 'string' ? { code: Code ?? code } : {}),
      ...($metadata?.httpStatusCode ? { status: $metadata.httpStatusCode } : {}),
      ...(error.cause instanceof Error ? { cause: this.formatError(error.cause) } : {}),
    };
  }
}

/**
 * The one structured logger of every function (its own module, so non-HTTP functions do not bundle the API's
 * schemas). Each handler calls `logger.addContext(context)` first, so every line carries its Lambda request id.
 */
export const logger = new Logger({ serviceName: 'audition-me', logFormatter: new PrivateLogFormatter() });
