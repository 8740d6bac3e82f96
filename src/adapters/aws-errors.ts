import { ServiceUnavailableError } from '../domain/errors';

// Error names the AWS SDK uses when a service sheds load; any of them means "retry later", not "bug".
const throttlingNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'Throttling',
  'ServiceUnavailable',
  'InternalServerError',
]);

/** True when an AWS SDK error says the service is throttling or briefly unavailable. */
export function isThrottling(error: unknown): boolean {
  return error instanceof Error && throttlingNames.has(error.name);
}

// What DynamoDB answers when a table or index is over its provisioned capacity (after the SDK's own retries), or
// when the account's request rate is over its limit.
const tableThrottlingNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/**
 * True when the table refused a call for its capacity: DynamoDB's throttling errors, or the
 * ServiceUnavailableError our DynamoDB adapters raise when a batch or transaction stays throttled after their
 * retries. Not true for anything else (a failed condition, a bad request, another service's errors): those are
 * failures, the table being busy is only "later".
 *
 * @example isTableThrottling(Object.assign(new Error(), { name: 'ProvisionedThroughputExceededException' })) // true
 */
export function isTableThrottling(error: unknown): boolean {
  return error instanceof ServiceUnavailableError || (error instanceof Error && tableThrottlingNames.has(error.name));
}
