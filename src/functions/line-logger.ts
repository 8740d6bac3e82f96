import type { Context } from 'aws-lambda';
import { redactedValue } from './redaction';

const levels = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;
export type LogLevel = keyof typeof levels;
type Level = Exclude<LogLevel, 'SILENT'>;

export interface LineLoggerOptions {
  /** Rewrites a line's attributes before they are written (the functions' logger formats the errors in them). */
  readonly prepare?: (attributes: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * A structured logger that costs nothing at init (every function's cold start pays for what its logger loads):
 * one JSON line per entry with the fields Powertools for AWS Lambda writes (level, message, timestamp, service,
 * cold start, the Lambda context's function name, ARN, memory and request id, the X-Ray trace id), at the level
 * `POWERTOOLS_LOG_LEVEL` sets, with personal data redacted.
 *
 * @example const log = lineLogger('audition-me'); log.addContext(context); log.info('token refused', { reason });
 */
export function lineLogger(service: string, options: LineLoggerOptions = {}) {
  let context: Context | undefined;
  let invocations = 0;
  let level: LogLevel | undefined;
  const levelName = (): LogLevel => {
    const configured = (process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO').toUpperCase();
    return level ?? (configured in levels ? (configured as LogLevel) : 'INFO');
  };
  const write = (entryLevel: Level, message: string, attributes: Record<string, unknown> = {}) => {
    if (levels[entryLevel] < levels[levelName()]) return;
    const line = {
      level: entryLevel,
      message,
      timestamp: new Date().toISOString(),
      service,
      cold_start: context ? invocations === 1 : undefined,
      function_arn: context?.invokedFunctionArn,
      function_memory_size: context?.memoryLimitInMB,
      function_name: context?.functionName,
      function_request_id: context?.awsRequestId,
      xray_trace_id: /Root=([^;]+)/.exec(process.env._X_AMZN_TRACE_ID ?? '')?.[1],
      ...(options.prepare ? options.prepare(attributes) : attributes),
    };
    process.stdout.write(`${JSON.stringify(redactedValue(line))}\n`);
  };
  return {
    /** Every later line names this invocation's function and request (and whether it is the cold start). */
    addContext(lambdaContext: Context) {
      context = lambdaContext;
      invocations++;
    },
    getLevelName: levelName,
    /** Overrides `POWERTOOLS_LOG_LEVEL` from now on. */
    setLogLevel(newLevel: LogLevel) {
      level = newLevel;
    },
    debug: (message: string, attributes?: Record<string, unknown>) => write('DEBUG', message, attributes),
    info: (message: string, attributes?: Record<string, unknown>) => write('INFO', message, attributes),
    warn: (message: string, attributes?: Record<string, unknown>) => write('WARN', message, attributes),
    error: (message: string, attributes?: Record<string, unknown>) => write('ERROR', message, attributes),
  };
}
