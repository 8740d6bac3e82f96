/**
 * `npm run cost`: the monthly AWS bill at 100, 1k, 10k and 100k monthly active users, from the consumption
 * `npm run bench` measured (bench/results.json, with documented fallbacks) and the usage profile in
 * bench/cost/profile.ts, against the always-free limits; names the first limit that binds. docs/cost.md explains
 * the model.
 */
import { resolve } from 'node:path';
import { measured } from './cost/measured';
import { bindsAt, limits, monthlyCost, monthlyUsage } from './cost/model';
import { monthlyEventsPerUser, usageProfile } from './cost/profile';

const scales = [100, 1_000, 10_000, 100_000] as const;
const m = measured(resolve(import.meta.dirname, 'results.json'));
const usage = scales.map((users) => monthlyUsage(users, m));
const costs = usage.map(monthlyCost);

const money = (usd: number) => (usd < 0.005 ? '0' : usd < 10 ? usd.toFixed(2) : usd.toFixed(0));
const amount = (n: number) =>
  n >= 1e6
    ? `${(n / 1e6).toFixed(2)}M`
    : n >= 1e4
      ? `${(n / 1e3).toFixed(0)}k`
      : n >= 100
        ? n.toFixed(0)
        : n.toFixed(2);
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const header = (cells: readonly string[]) => [row(cells), row(cells.map(() => '---'))].join('\n');
const usersHeader = scales.map((s) => `${s.toLocaleString('en')} MAU`);

const per = monthlyEventsPerUser();
console.log(`Measured consumption: ${m.source}`);
console.log(
  `Usage profile (bench/cost/profile.ts): ${usageProfile.performerShare * 100}% performers; per active user a month ` +
    `${per.requests['performance-search']?.toFixed(0)} searches, ${per.requests['performance-get']?.toFixed(0)} performance views, ` +
    `${per.signUps.toFixed(1)} sign-ups, ${per.performancesCreated.toFixed(2)} performances posted, ${per.emails.toFixed(1)} emails; ` +
    `peak second = ${usageProfile.peakToAverage} × the average.\n`,
);

console.log('## Monthly cost (USD), after the first-year-only free tiers (API Gateway, SES) have run out\n');
console.log(header(['service', ...usersHeader]));
for (const service of Object.keys(costs[0] ?? {}))
  console.log(row([service, ...costs.map((c) => money(c[service] ?? 0))]));
console.log(row(['**total**', ...costs.map((c) => `**${money(Object.values(c).reduce((a, b) => a + b, 0))}**`)]));

console.log('\n## What a month uses\n');
console.log(header(['', ...usersHeader]));
const usageRows: [string, (u: (typeof usage)[number]) => number][] = [
  ['API requests', (u) => u.apiRequests],
  ['Lambda invocations', (u) => u.lambdaRequests],
  ['Lambda GB-s', (u) => u.lambdaGbSeconds],
  ['emails', (u) => u.emails],
  ['SQS requests', (u) => u.sqsRequests],
  ['peak RCU (all)', (u) => u.peakReadTotal],
  ['peak WCU (all)', (u) => u.peakWriteTotal],
  ['DynamoDB storage GB (after a year)', (u) => u.storageGb],
  ['CloudWatch Logs GB', (u) => u.logsGb],
  ['peak API req/s', (u) => u.peakApiRequestsPerSecond],
];
for (const [name, value] of usageRows) console.log(row([name, ...usage.map((u) => amount(value(u)))]));
console.log(
  row([
    'peak WCU by table/index',
    ...usage.map((u) =>
      Object.entries(u.peakUnits)
        .map(([name, p]) => `${name} ${amount(p.write)}/${p.provisionedWrite}`)
        .join(', '),
    ),
  ]),
);
console.log(
  row([
    'peak RCU by table/index',
    ...usage.map((u) =>
      Object.entries(u.peakUnits)
        .map(([name, p]) => `${name} ${amount(p.read)}/${p.provisionedRead}`)
        .join(', '),
    ),
  ]),
);

console.log('\n## Free limits and quotas: share used, and the monthly active users at which each binds\n');
console.log(header(['limit', 'allowance', ...usersHeader, 'binds at']));
const bound = limits.map((limit) => ({ limit, at: bindsAt(limit, m) }));
for (const { limit, at } of [...bound].sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity))) {
  console.log(
    row([
      limit.quota ? `${limit.name} (quota)` : limit.name,
      `${amount(limit.limit)} ${limit.unit}`,
      ...usage.map(
        (u) => `${((100 * limit.used(u)) / limit.limit).toFixed(limit.used(u) / limit.limit < 0.1 ? 1 : 0)}%`,
      ),
      at === undefined ? '> 10M' : `~${at.toLocaleString('en')} MAU`,
    ]),
  );
}
const first = bound.filter((b) => b.at !== undefined && !b.limit.quota).sort((a, b) => (a.at ?? 0) - (b.at ?? 0))[0];
const firstQuota = bound
  .filter((b) => b.at !== undefined && b.limit.quota)
  .sort((a, b) => (a.at ?? 0) - (b.at ?? 0))[0];
console.log(
  `\nFirst always-free limit to bind: ${first?.limit.name ?? 'none'} at ~${first?.at?.toLocaleString('en') ?? '–'} monthly active users.`,
);
if (firstQuota) {
  console.log(
    `First quota to bind: ${firstQuota.limit.name} at ~${firstQuota.at?.toLocaleString('en')} monthly active users.`,
  );
}
console.log(
  'Not free at any size: API Gateway HTTP API ($1 per million requests once its 12-month free tier ends) and SES ' +
    '($0.10 per 1,000 emails after 3,000 a month in the first year).',
);
