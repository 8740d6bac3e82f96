import { LogFormatter, LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { redacted, redactedValue } from './redaction';

export { redacted } from './redaction';

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
