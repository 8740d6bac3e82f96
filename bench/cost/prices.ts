/**
 * AWS prices (us-east-1, USD) and free-tier allowances the cost model uses, as published on the AWS pricing
 * pages when this was written (November 2026). Check them before relying on a figure: docs/cost.md links each.
 */
export const prices = {
  lambda: { perMillionRequests: 0.2, perGbSecondArm64: 0.0000133334 },
  /** HTTP API, first 300 million requests a month. */
  apiGateway: { perMillionRequests: 1.0 },
  dynamodb: {
    perWcuHour: 0.00065,
    perRcuHour: 0.00013,
    perGbMonth: 0.25,
  },
  /** Standard queue; every 64 KB of a request is billed as one request. */
  sqs: { perMillionRequests: 0.4 },
  ses: { perThousandEmails: 0.1, perGbAttachments: 0.12 },
  /** Cognito Lite feature plan (what infra/constructs/user-directory.ts sets), per MAU above the free 10,000. */
  cognito: { litePerMauUpTo100k: 0.0055, litePerMauAbove100k: 0.0046 },
  cloudwatchLogs: { perGbIngested: 0.5, perGbMonthStored: 0.03 },
  cloudfront: { perGbOut: 0.085, perTenThousandRequests: 0.0075 },
} as const;

/** Allowances that never expire (the "always free" tier), per month. */
export const alwaysFree = {
  lambdaRequests: 1_000_000,
  lambdaGbSeconds: 400_000,
  /** Provisioned throughput, per second, summed over the table and its indexes. */
  dynamodbRcu: 25,
  dynamodbWcu: 25,
  dynamodbStorageGb: 25,
  sqsRequests: 1_000_000,
  cognitoMau: 10_000,
  cloudfrontGbOut: 1024,
  cloudfrontRequests: 10_000_000,
  cloudwatchLogsGb: 5,
} as const;

/** Allowances for the first 12 months of a new account only; the model prices the months after. */
export const firstYearOnly = {
  apiGatewayRequests: 1_000_000,
  sesEmails: 3_000,
} as const;

/**
 * SQS requests the one Lambda-polled queue spends a month while idle: Lambda's pollers long-poll it around the
 * clock (design.md: about 0.65M of the 1M free), whether or not there is mail.
 */
export const sqsIdlePollRequests = 650_000;
