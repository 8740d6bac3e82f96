import type { Context } from 'aws-lambda';
import { redactedValue } from './redaction';

const levels = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;
type Level = Exclude<keyof typeof levels, 'SILENT'>;

/**
 * A logger that costs nothing at init, for the authorizer, which runs before every API call and so meets more
 * cold starts than any other function: one JSON line per entry, in the same shape as the Powertools lines of
 * the other functions (level, message, timestamp, service, function name and request id), at the level
 * `POWERTOOLS_LOG_LEVEL` sets, with personal data redacted as everywhere else. Attributes are plain data only:
 * it has no error formatter.
 *
 * @example const log = lineLogger('audition-me'); log.addContext(context); log.info('token refused', { reason });
 */
export function lineLogger(service: string) {
  let context: Pick<Context, 'functionName' | 'awsRequestId'> | undefined;
  const threshold = () => levels[(process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO').toUpperCase() as Level] ?? levels.INFO;
  const write = (level: Level, message: string, attributes: Record<string, unknown> = {}) => {
    if (levels[level] < threshold()) return;
    const line = {
      level,
      message,
      timestamp: new Date().toISOString(),
      service,
      function_name: context?.functionName,
      function_request_id: context?.awsRequestId,
      ...attributes,
    };
    process.stdout.write(`${JSON.stringify(redactedValue(line))}\n`);
  };
  return {
    /** Every later line names this invocation's function and request. */
    addContext(lambdaContext: Context) {
      context = lambdaContext;
    },
    debug: (message: string, attributes?: Record<string, unknown>) => write('DEBUG', message, attributes),
    info: (message: string, attributes?: Record<string, unknown>) => write('INFO', message, attributes),
    warn: (message: string, attributes?: Record<string, unknown>) => write('WARN', message, attributes),
    error: (message: string, attributes?: Record<string, unknown>) => write('ERROR', message, attributes),
  };
}
