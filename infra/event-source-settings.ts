import type { FunctionDefinition, QueueName, StreamFilter } from '../src/manifest';

/**
 * The settings the stack deploys for event sources and queues, free of CDK imports so that the local
 * runtime (`local/runtime`) applies exactly these, not copies of them.
 */

/** Times a failing stream batch is retried (halved each time by bisection) before it goes to the failure queue. */
export const STREAM_RETRY_ATTEMPTS = 10;

/** The stream event source: bisect a failing batch, retry it, then send its coordinates to the failure queue. */
export const streamEventSourceSettings = {
  retryAttempts: STREAM_RETRY_ATTEMPTS,
  bisectBatchOnError: true,
  reportBatchItemFailures: false,
} as const;

/** Lambda's default quota of filters on one event source mapping (they are ORed). */
export const MAX_FILTERS_PER_EVENT_SOURCE = 5;

/** A Lambda event filter pattern: nested fields ending in a list of allowed values or `{ exists }` rules. */
export type FilterPattern = { readonly [field: string]: FilterPattern | readonly (string | { exists: boolean })[] };

/**
 * The Lambda event filter patterns of a stream consumer's manifest filters. The item's `type` is read from the
 * image the record carries: the new image of an INSERT or MODIFY, the old image of a REMOVE. Only DynamoDB's own
 * deletions (TTL expiry) carry a `userIdentity` (`{ type: 'Service', principalId: 'dynamodb.amazonaws.com' }`), so
 * every pattern requires it absent: an expired item invokes nothing.
 */
export function streamFilterPatterns(filters: readonly StreamFilter[]): FilterPattern[] {
  const patterns = filters.flatMap(({ type, events }) => {
    const imageEvents = events.filter((e) => e !== 'REMOVE');
    const byImage: [string, readonly string[]][] = [
      ['NewImage', imageEvents],
      ['OldImage', events.filter((e) => e === 'REMOVE')],
    ];
    return byImage
      .filter(([, named]) => named.length > 0)
      .map(([image, named]) => ({
        eventName: [...named],
        dynamodb: { [image]: { type: { S: [type] } } },
        userIdentity: { principalId: [{ exists: false }] },
      }));
  });
  if (patterns.length > MAX_FILTERS_PER_EVENT_SOURCE) {
    throw new Error(`${patterns.length} stream filter patterns; an event source mapping takes at most 5`);
  }
  return patterns;
}

/** Whether a record (as Lambda's event carries it) matches a filter pattern, as Lambda's event filtering decides. */
export function matchesFilterPattern(record: unknown, pattern: FilterPattern): boolean {
  const fields = (record && typeof record === 'object' ? record : {}) as Record<string, unknown>;
  return Object.entries(pattern).every(([field, rule]) => {
    const value = fields[field];
    if (!Array.isArray(rule)) return matchesFilterPattern(value, rule as FilterPattern);
    return (rule as readonly (string | { exists: boolean })[]).some((allowed) =>
      typeof allowed === 'string' ? value === allowed : (value !== undefined) === allowed.exists,
    );
  });
}

/** EventBridge's retry policy for the schedule rules' Lambda targets. */
export const scheduleTargetSettings = { retryAttempts: 2, maxEventAgeMinutes: 10 } as const;

/** AWS's advice for a Lambda-polled queue: visibility timeout at least six times the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/**
 * The visibility timeout of a queue: six times the longest timeout of the functions it triggers, so a message is
 * not handed out again while a slow batch is still being processed; SQS's default of 30 s when nothing polls it.
 */
export function visibilityTimeoutSeconds(queue: QueueName, functions: readonly FunctionDefinition[]): number {
  const consumerTimeouts = functions.flatMap((f) =>
    f.trigger.kind === 'sqs' && f.trigger.queue === queue ? [f.timeoutSeconds] : [],
  );
  if (consumerTimeouts.length === 0) return 30;
  return VISIBILITY_TIMEOUT_FACTOR * Math.max(...consumerTimeouts);
}

/**
 * Lambda's retries of a failed asynchronous invocation (EventBridge invokes the schedule functions asynchronously):
 * the stack leaves the function's setting at Lambda's default, two retries, about one and then two minutes apart.
 */
export const asyncInvokeRetry = { retryAttempts: 2, delaysSeconds: [60, 120] } as const;
