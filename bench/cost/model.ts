import { tableDefinition } from '../../src/adapters/dynamodb/table-definition';
import { functions } from '../../src/manifest';
import type { FunctionName } from '../../src/manifest';
import type { Measured, Units } from './measured';
import { alwaysFree, prices, sqsIdlePollRequests } from './prices';
import { monthlyEventsPerUser, usageProfile } from './profile';

const secondsPerMonth = 30 * 24 * 3600;
const hoursPerMonth = 730;
/** An idle instance is assumed to be reclaimed after about 10 minutes: at most this many cold starts a month each. */
const idleWindowsPerMonth = secondsPerMonth / 600;
const runsPerMonth = (everyMinutes: number) => secondsPerMonth / 60 / everyMinutes;
/** Lambda gives a full vCPU at 1,769 MB and a proportional share below, so CPU-bound start-up slows down. */
const fullCpuMb = 1769;
const gb = 1024 ** 3;

/** What the system does and uses in a month at one number of monthly active users. */
export interface MonthlyUsage {
  readonly users: number;
  readonly apiRequests: number;
  readonly invocations: Record<FunctionName, number>;
  readonly lambdaRequests: number;
  readonly lambdaGbSeconds: number;
  /** Peak read and write units per second, by table and index, against what is provisioned. */
  readonly peakUnits: Record<
    string,
    { read: number; write: number; provisionedRead: number; provisionedWrite: number }
  >;
  readonly peakReadTotal: number;
  readonly peakWriteTotal: number;
  readonly storageGb: number;
  readonly sqsRequests: number;
  readonly emails: number;
  readonly attachmentGb: number;
  readonly logsGb: number;
  readonly cloudfrontRequests: number;
  readonly cloudfrontGb: number;
  readonly peakApiRequestsPerSecond: number;
  readonly newAccountsPerDay: number;
}

function addUnits(total: Record<string, { read: number; write: number }>, units: Units, times: number) {
  for (const [name, u] of Object.entries(units)) {
    const slot = (total[name] ??= { read: 0, write: 0 });
    slot.read += u.read * times;
    slot.write += u.write * times;
  }
}

/**
 * The month of `users` monthly active users under the usage profile, priced from the measured consumption:
 * every request, event and schedule run as Lambda invocations and GB-seconds, DynamoDB units per table and
 * index (as a peak per second, since provisioned capacity is a rate), SQS requests, emails, logs and storage.
 */
export function monthlyUsage(users: number, m: Measured, profile = usageProfile): MonthlyUsage {
  const per = monthlyEventsPerUser(profile);
  const invocations = Object.fromEntries(functions.map((f) => [f.name, 0])) as Record<FunctionName, number>;
  for (const [name, count] of Object.entries(per.requests)) invocations[name as FunctionName] = count * users;
  invocations.authorizer = per.authorizerCalls * users;

  const signUps = per.signUps * users;
  const emails = per.emails * users;
  const reminderEmails = per.reminderEmails * users;
  const reminderMessages = reminderEmails / 20;
  const messages = emails - reminderEmails + reminderMessages;
  const outboxRecords = per.outboxRecords * users;
  const indexSyncs = per.indexSyncs * users;
  // The stream's event filters (src/manifest.ts) invoke table-stream only for new outbox records and changed
  // performances, and search-indexer only for performance changes: the mailer's ledger writes, sign-ups, profiles
  // and TTL expiries invoke neither. Each is taken as one invocation per record (no batching), which overstates.
  invocations['table-stream'] = outboxRecords + indexSyncs;
  const finalStatuses = signUps; // "cast" or "not cast", one transaction per sign-up
  invocations['search-indexer'] = indexSyncs;
  invocations.mailer = messages;
  invocations['reminder-dispatcher'] = runsPerMonth(15);
  invocations['search-refresh'] = runsPerMonth(15);

  const seconds: Partial<Record<FunctionName, number>> = {};
  const fn = (name: FunctionName) => m.functions[name] ?? { ms: 0, initMs: 0, memoryMb: 256 };
  for (const f of functions) seconds[f.name] = ((invocations[f.name] ?? 0) * fn(f.name).ms) / 1000;
  seconds['table-stream'] = (outboxRecords * m.streamMs.relay + indexSyncs * m.streamMs.ignored) / 1000;
  seconds['search-indexer'] = (indexSyncs * m.streamMs.indexSync) / 1000;
  seconds.mailer = (emails * m.mailerMsPerEmail) / 1000;
  seconds['reminder-dispatcher'] =
    (runsPerMonth(15) * fn('reminder-dispatcher').ms + reminderMessages * m.dispatcherMsPerReminder) / 1000;
  seconds['search-refresh'] = (runsPerMonth(15) * fn('search-refresh').ms) / 1000; // its re-filing is indexSyncs

  let gbSeconds = 0;
  for (const f of functions) {
    const count = invocations[f.name] ?? 0;
    const busySeconds = seconds[f.name] ?? 0;
    const peakConcurrency = Math.max(1, Math.ceil((busySeconds / secondsPerMonth) * profile.peakToAverage));
    const coldStarts = Math.min(count, idleWindowsPerMonth * peakConcurrency);
    const initSeconds = (fn(f.name).initMs * Math.max(1, fullCpuMb / f.memoryMb)) / 1000;
    gbSeconds += (busySeconds + coldStarts * initSeconds) * (f.memoryMb / 1024);
  }

  // DynamoDB units a month, by table and index.
  const units: Record<string, { read: number; write: number }> = {};
  const requests = (name: string) => (per.requests[name] ?? 0) * users;
  addUnits(units, m.units.search, requests('performance-search'));
  for (const name of [
    'performance-get',
    'me-get',
    'my-signups',
    'signups-list',
    'performer-profile-get',
    'my-performances',
    'signup-calendar',
    'performance-update',
    'performance-delete',
    'casting-create',
    'casting-close',
    'signup-withdraw',
  ]) {
    addUnits(units, m.units.read, requests(name)); // each of these reads about one performance or profile first
  }
  addUnits(units, m.units.signUp, signUps + requests('signup-withdraw') + requests('casting-create') + finalStatuses);
  addUnits(
    units,
    m.units.performanceCreate,
    requests('performance-create') + requests('performance-update') + requests('performance-delete'),
  );
  addUnits(units, { table: { read: 0, write: 1 } }, requests('me-update') + requests('auth-signup'));
  addUnits(units, m.units.indexSync, indexSyncs);
  addUnits(units, m.units.email, emails);
  addUnits(units, m.units.reminderMessage, reminderMessages);
  addUnits(
    units,
    { table: { read: 0.5, write: 0 }, gsi2: { read: 0.5, write: 0 }, gsi3: { read: 0.5, write: 0 } },
    runsPerMonth(15),
  );

  const provisioned: Record<string, { read: number; write: number }> = {
    table: { read: tableDefinition.readCapacity, write: tableDefinition.writeCapacity },
    ...Object.fromEntries(
      tableDefinition.indexes.map((i) => [i.name, { read: i.readCapacity, write: i.writeCapacity }]),
    ),
  };
  const peak = (monthly: number) => (monthly / secondsPerMonth) * profile.peakToAverage;
  const peakUnits = Object.fromEntries(
    Object.entries(provisioned).map(([name, p]) => [
      name,
      {
        read: peak(units[name]?.read ?? 0),
        write: peak(units[name]?.write ?? 0),
        provisionedRead: p.read,
        provisionedWrite: p.write,
      },
    ]),
  );

  // Storage after `monthsStored` months: each item plus DynamoDB's 100 bytes of overhead, index copies included.
  const months = profile.monthsStored;
  const perPerformance =
    2 * (m.itemBytes.performance + 100) + 2 * m.indexEntriesPerPerformance * (m.itemBytes.indexEntry + 100);
  const perSignUp = 2 * (2_200 + 100);
  const storageBytes =
    months * (per.performancesCreated * users * perPerformance + signUps * perSignUp) +
    users * 1.5 * 600 + // profiles (a churning user base: 1.5 accounts per active user)
    (emails * 250 * 15) / 30 + // the mailer's ledger, kept 15 days
    (outboxRecords * 3_000 * 7) / 30; // outbox records, kept 7 days

  const apiRequests = Object.values(per.requests).reduce((a, b) => a + b, 0) * users;
  const lambdaRequests = Object.values(invocations).reduce((a, b) => a + b, 0);
  const sessions = per.sessions * users;
  const logsBytes =
    apiRequests * profile.logs.accessLogBytes +
    lambdaRequests * profile.logs.platformBytesPerInvocation +
    (emails + outboxRecords) * profile.logs.applicationBytesPerEvent;
  return {
    users,
    apiRequests,
    invocations,
    lambdaRequests,
    lambdaGbSeconds: gbSeconds,
    peakUnits,
    peakReadTotal: Object.values(peakUnits).reduce((a, u) => a + u.read, 0),
    peakWriteTotal: Object.values(peakUnits).reduce((a, u) => a + u.write, 0),
    storageGb: storageBytes / gb,
    // The idle pollers, plus per outbox record one SendMessageBatch and per message a receive and a delete.
    sqsRequests: sqsIdlePollRequests + outboxRecords + 2 * messages,
    emails,
    attachmentGb: ((signUps * 2 + requests('signup-withdraw')) * 2_000) / gb, // .ics invites, about 2 KB each
    logsGb: logsBytes / gb,
    cloudfrontRequests: sessions * profile.web.pageLoadsPerSession * profile.web.requestsPerPageLoad,
    cloudfrontGb: (sessions * profile.web.pageLoadsPerSession * profile.web.bytesPerPageLoad) / gb,
    peakApiRequestsPerSecond: (apiRequests / secondsPerMonth) * profile.peakToAverage,
    newAccountsPerDay: (per.newAccounts * users) / 30,
  };
}

/** The monthly bill, by service, in USD (after the first-year-only allowances have run out). */
export function monthlyCost(u: MonthlyUsage): Record<string, number> {
  const over = (used: number, free: number) => Math.max(0, used - free);
  const extraRcu = over(u.peakReadTotal, alwaysFree.dynamodbRcu);
  const extraWcu = over(u.peakWriteTotal, alwaysFree.dynamodbWcu);
  const cognitoPaid = over(u.users, alwaysFree.cognitoMau);
  return {
    'Lambda requests': (over(u.lambdaRequests, alwaysFree.lambdaRequests) / 1e6) * prices.lambda.perMillionRequests,
    'Lambda compute': over(u.lambdaGbSeconds, alwaysFree.lambdaGbSeconds) * prices.lambda.perGbSecondArm64,
    'API Gateway': (u.apiRequests / 1e6) * prices.apiGateway.perMillionRequests,
    'DynamoDB capacity':
      hoursPerMonth * (extraRcu * prices.dynamodb.perRcuHour + extraWcu * prices.dynamodb.perWcuHour),
    'DynamoDB storage': over(u.storageGb, alwaysFree.dynamodbStorageGb) * prices.dynamodb.perGbMonth,
    SQS: (over(u.sqsRequests, alwaysFree.sqsRequests) / 1e6) * prices.sqs.perMillionRequests,
    SES: (u.emails / 1000) * prices.ses.perThousandEmails + u.attachmentGb * prices.ses.perGbAttachments,
    Cognito:
      Math.min(cognitoPaid, 90_000) * prices.cognito.litePerMauUpTo100k +
      over(cognitoPaid, 90_000) * prices.cognito.litePerMauAbove100k,
    CloudFront:
      over(u.cloudfrontGb, alwaysFree.cloudfrontGbOut) * prices.cloudfront.perGbOut +
      (over(u.cloudfrontRequests, alwaysFree.cloudfrontRequests) / 1e4) * prices.cloudfront.perTenThousandRequests,
    'CloudWatch Logs': over(u.logsGb, alwaysFree.cloudwatchLogsGb) * prices.cloudwatchLogs.perGbIngested,
  };
}

/** An always-free allowance (or a quota) and how much of it a month at some number of users uses. */
export interface Limit {
  readonly name: string;
  readonly limit: number;
  readonly unit: string;
  readonly used: (u: MonthlyUsage) => number;
  /** A quota rather than a price: past it requests fail or wait, they are not billed. */
  readonly quota?: boolean;
}

export const limits: readonly Limit[] = [
  { name: 'Lambda requests', limit: alwaysFree.lambdaRequests, unit: 'requests/month', used: (u) => u.lambdaRequests },
  { name: 'Lambda compute', limit: alwaysFree.lambdaGbSeconds, unit: 'GB-s/month', used: (u) => u.lambdaGbSeconds },
  ...(['table', ...tableDefinition.indexes.map((i) => i.name)] as const).flatMap((name) => [
    {
      name: `DynamoDB ${name} read capacity at peak`,
      limit:
        name === 'table'
          ? tableDefinition.readCapacity
          : (tableDefinition.indexes.find((i) => i.name === name)?.readCapacity ?? 0),
      unit: 'RCU (provisioned)',
      used: (u: MonthlyUsage) => u.peakUnits[name]?.read ?? 0,
    },
    {
      name: `DynamoDB ${name} write capacity at peak`,
      limit:
        name === 'table'
          ? tableDefinition.writeCapacity
          : (tableDefinition.indexes.find((i) => i.name === name)?.writeCapacity ?? 0),
      unit: 'WCU (provisioned)',
      used: (u: MonthlyUsage) => u.peakUnits[name]?.write ?? 0,
    },
  ]),
  {
    name: 'DynamoDB read capacity at peak, all',
    limit: alwaysFree.dynamodbRcu,
    unit: 'RCU',
    used: (u) => u.peakReadTotal,
  },
  {
    name: 'DynamoDB write capacity at peak, all',
    limit: alwaysFree.dynamodbWcu,
    unit: 'WCU',
    used: (u) => u.peakWriteTotal,
  },
  { name: 'DynamoDB storage', limit: alwaysFree.dynamodbStorageGb, unit: 'GB', used: (u) => u.storageGb },
  { name: 'SQS requests', limit: alwaysFree.sqsRequests, unit: 'requests/month', used: (u) => u.sqsRequests },
  { name: 'Cognito monthly active users', limit: alwaysFree.cognitoMau, unit: 'MAU', used: (u) => u.users },
  {
    name: 'CloudFront requests',
    limit: alwaysFree.cloudfrontRequests,
    unit: 'requests/month',
    used: (u) => u.cloudfrontRequests,
  },
  { name: 'CloudFront data out', limit: alwaysFree.cloudfrontGbOut, unit: 'GB/month', used: (u) => u.cloudfrontGb },
  { name: 'CloudWatch Logs ingestion', limit: alwaysFree.cloudwatchLogsGb, unit: 'GB/month', used: (u) => u.logsGb },
  {
    name: 'API Gateway stage throttle (25 req/s steady)',
    limit: 25,
    unit: 'req/s at peak',
    used: (u) => u.peakApiRequestsPerSecond,
    quota: true,
  },
  {
    name: 'Cognito default email (50 a day)',
    limit: 50,
    unit: 'new accounts/day',
    used: (u) => u.newAccountsPerDay,
    quota: true,
  },
];

/** The smallest number of monthly active users at which `limit` is exceeded (searched up to 10M). */
export function bindsAt(limit: Limit, m: Measured): number | undefined {
  for (let users = 10; users <= 10_000_000; users = Math.ceil(users * 1.02)) {
    if (limit.used(monthlyUsage(users, m)) > limit.limit) return users;
  }
  return undefined;
}
