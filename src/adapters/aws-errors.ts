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
