import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../infra/repo-root';
import { tableDefinition } from '../../../src/adapters/dynamodb/table-definition';
import { functions } from '../../../src/manifest';
import { synthesize } from './synthesized';

interface MetricStat {
  readonly Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: unknown }[] };
}
interface AlarmProperties {
  readonly AlarmDescription: string;
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Dimensions?: { Name: string; Value: unknown }[];
  readonly Metrics?: { Id: string; Expression?: string; MetricStat?: MetricStat }[];
  readonly Threshold: number;
  readonly ComparisonOperator: string;
  readonly AlarmActions: unknown[];
  readonly OKActions?: unknown[];
}

const { ofType, onlyId, queueId, fnId } = synthesize();
const alarms = ofType('AWS::CloudWatch::Alarm').map(
  ([id, r]) => [id, r.Properties as unknown as AlarmProperties] as const,
);
// The alerts' topic (the stack has another: SES's feedback).
const topicId = ofType('AWS::SNS::Topic').find(([id]) => id.startsWith('Alerts'))?.[0];
const tableId = onlyId('AWS::DynamoDB::Table');
const apiId = onlyId('AWS::ApiGatewayV2::Api');

/** The single-metric alarms on `namespace`/`metricName`. */
const on = (namespace: string, metricName: string) =>
  alarms.filter(([, a]) => a.Namespace === namespace && a.MetricName === metricName);

describe('the alarms', () => {
  it('are at most 10 (the always-free CloudWatch alarms), each mailed to the alerts topic', () => {
    expect(alarms.length).toBeLessThanOrEqual(10);
    for (const [id, alarm] of alarms) {
      expect(alarm.AlarmActions, id).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions, id).toEqual([{ Ref: topicId }]);
    }
  });

  it('watch DynamoDB throttling of the table and of every index, reads and writes, in one metric-math alarm', () => {
    const throttling = alarms.filter(([, a]) =>
      (a.Metrics ?? []).some((m) => m.MetricStat?.Metric.Namespace === 'AWS/DynamoDB'),
    );
    expect(throttling).toHaveLength(1);
    const [, alarm] = throttling[0]!;
    const watched = alarm
      .Metrics!.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []))
      .map((m) => {
        const dims = Object.fromEntries((m.Dimensions ?? []).map((d) => [d.Name, d.Value]));
        expect(dims.TableName).toEqual({ Ref: tableId });
        return `${m.MetricName} ${String(dims.GlobalSecondaryIndexName ?? 'table')}`;
      });
    const parts = ['table', ...tableDefinition.indexes.map((i) => i.name)];
    expect(watched.sort()).toEqual(
      parts.flatMap((part) => [`ReadThrottleEvents ${part}`, `WriteThrottleEvents ${part}`]).sort(),
    );
    expect(alarm).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it('watch Lambda errors and throttles of all functions (the account-level metrics: no dimensions)', () => {
    for (const metricName of ['Errors', 'Throttles']) {
      const found = on('AWS/Lambda', metricName);
      expect(found, metricName).toHaveLength(1);
      expect(found[0]![1].Dimensions ?? [], metricName).toEqual([]);
      expect(found[0]![1]).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('watch the API for 5xx answers and for a burst of 4xx (429 throttling among them)', () => {
    for (const metricName of ['5xx', '4xx']) {
      const found = on('AWS/ApiGateway', metricName);
      expect(found, metricName).toHaveLength(1);
      expect(found[0]![1].Dimensions, metricName).toEqual([{ Name: 'ApiId', Value: { Ref: apiId } }]);
    }
    expect(on('AWS/ApiGateway', '5xx')[0]![1].Threshold).toBe(0);
    expect(on('AWS/ApiGateway', '4xx')[0]![1].Threshold).toBeGreaterThan(0);
  });

  it('watch the account’s SES bounce and complaint rates below the levels at which AWS reviews the account', () => {
    const bounce = on('AWS/SES', 'Reputation.BounceRate');
    const complaint = on('AWS/SES', 'Reputation.ComplaintRate');
    expect(bounce).toHaveLength(1);
    expect(complaint).toHaveLength(1);
    expect(bounce[0]![1].Threshold).toBeLessThan(0.05);
    expect(complaint[0]![1].Threshold).toBeLessThan(0.001);
  });

  it('watch the email dead-letter queue and the stream failure queue of each stream consumer', () => {
    const queueAlarms = on('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    const watchedQueues = queueAlarms.map(([, a]) => JSON.stringify(a.Dimensions));
    expect(watchedQueues.some((d) => d.includes(queueId('EmailDlq')))).toBe(true);
    const consumers = functions.filter((f) => f.trigger.kind === 'dynamodb-stream');
    for (const f of consumers) {
      const prefix = fnId(f.name).replace(/Function.*$/, '');
      expect(
        watchedQueues.some((d) => d.includes(`${prefix}StreamFailures`)),
        f.name,
      ).toBe(true);
    }
    expect(queueAlarms).toHaveLength(1 + consumers.length);
  });

  it('each name their runbook section in docs/operations.md, which exists', () => {
    const runbook = readFileSync(resolve(repoRoot, 'docs/operations.md'), 'utf8');
    // GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped.
    const anchors = new Set(
      [...runbook.matchAll(/^#{2,4} (.+)$/gm)].map(([, heading]) =>
        heading!
          .toLowerCase()
          .replace(/[^\p{L}\p{N} -]/gu, '')
          .replace(/ /g, '-'),
      ),
    );
    for (const [id, alarm] of alarms) {
      const anchor = /docs\/operations\.md#([\w-]+)/.exec(alarm.AlarmDescription)?.[1];
      expect(anchor, `${id}: ${alarm.AlarmDescription}`).toBeDefined();
      expect(anchors.has(anchor!), `${id} → #${anchor}`).toBe(true);
    }
  });
});
