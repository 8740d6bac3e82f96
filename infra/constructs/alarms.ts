import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type Alerts, withRunbook } from './alerts';

/** CloudWatch's always-free alarms (standard resolution); the stack keeps within them. */
export const FREE_ALARMS = 10;
/** A metric-math alarm reads at most 10 metrics (a hard CloudWatch limit). */
const MAX_METRICS_PER_MATH_ALARM = 10;
const PERIOD = Duration.minutes(5);

/**
 * 4xx answers in 5 minutes that mean more than people mistyping: a client throttled by the stage (429, above 25
 * requests a second), or one hammering routes it may not use. HTTP APIs publish no separate 429 metric; the access
 * log tells them apart (docs/operations.md).
 */
export const API_4XX_THRESHOLD = 100;
/** AWS reviews an SES account at a 5 % bounce rate and a 0.1 % complaint rate; these warn before that. */
export const SES_BOUNCE_RATE_THRESHOLD = 0.04;
export const SES_COMPLAINT_RATE_THRESHOLD = 0.0008;

export interface OperationalAlarmsProps {
  readonly alerts: Alerts;
  readonly table: ITable;
  readonly indexNames: readonly string[];
  readonly api: IHttpApi;
}

/**
 * The alarms beyond the queues' own (the email dead-letter queue and the stream failure queues alarm where they
 * are made): DynamoDB throttling, Lambda errors and throttles, API 5xx and 4xx bursts, SES reputation. Each mails the
 * alerts topic and names its runbook section in docs/operations.md.
 */
export class OperationalAlarms extends Construct {
  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    const { alerts } = props;
    const alarm = (
      alarmId: string,
      metric: IMetric,
      threshold: number,
      description: string,
      runbookSection: string,
    ): Alarm =>
      alerts.watch(
        new Alarm(this, alarmId, {
          alarmDescription: withRunbook(description, runbookSection),
          metric,
          threshold,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          // Most of these metrics are only published when something happened: no data is no trouble.
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );

    alarm(
      'DynamoDbThrottling',
      this.tableThrottling(props.table, props.indexNames),
      0,
      'DynamoDB throttled reads or writes of the table or one of its indexes: provisioned capacity ran out.',
      'dynamodb-throttling',
    );
    // The account-level Lambda metrics (no dimensions) cover every function at once; a metric-math alarm over the
    // functions one by one could not (it reads at most 10 metrics).
    const lambda = (metricName: string) =>
      new Metric({ namespace: 'AWS/Lambda', metricName, statistic: 'Sum', period: PERIOD });
    alarm(
      'LambdaErrors',
      lambda('Errors'),
      0,
      'A Lambda function in this account and region failed (an exception or a timeout).',
      'lambda-errors',
    );
    alarm(
      'LambdaThrottles',
      lambda('Throttles'),
      0,
      'Lambda refused to run a function in this account and region: the concurrency quota ran out.',
      'lambda-throttles',
    );
    alarm(
      'Api5xx',
      props.api.metricServerError({ statistic: 'Sum', period: PERIOD }),
      0,
      'The HTTP API answered 5xx: a function failed, timed out or was throttled.',
      'api-5xx',
    );
    alarm(
      'Api4xx',
      props.api.metricClientError({ statistic: 'Sum', period: PERIOD }),
      API_4XX_THRESHOLD,
      `The HTTP API answered more than ${API_4XX_THRESHOLD} 4xx in 5 minutes: throttling (429) or a misbehaving client.`,
      'api-4xx-and-throttling',
    );
    const ses = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    alarm(
      'SesBounceRate',
      ses('Reputation.BounceRate'),
      SES_BOUNCE_RATE_THRESHOLD,
      `The account's SES bounce rate is above ${SES_BOUNCE_RATE_THRESHOLD * 100} % (AWS reviews the account at 5 %).`,
      'ses-bounce-rate',
    );
    alarm(
      'SesComplaintRate',
      ses('Reputation.ComplaintRate'),
      SES_COMPLAINT_RATE_THRESHOLD,
      `The account's SES complaint rate is above ${SES_COMPLAINT_RATE_THRESHOLD * 100} % (AWS reviews the account ` +
        'at 0.1 %).',
      'ses-complaint-rate',
    );
  }

  /** Read and write throttle events of the table and of each index, summed (missing points count as none). */
  private tableThrottling(table: ITable, indexNames: readonly string[]): MathExpression {
    const parts: { key: string; dimensions: Record<string, string> }[] = [
      { key: 'table', dimensions: { TableName: table.tableName } },
      ...indexNames.map((index, i) => ({
        key: `index${i}`,
        dimensions: { TableName: table.tableName, GlobalSecondaryIndexName: index },
      })),
    ];
    const usingMetrics: Record<string, IMetric> = {};
    for (const { key, dimensions } of parts) {
      for (const [kind, metricName] of [
        ['read', 'ReadThrottleEvents'],
        ['write', 'WriteThrottleEvents'],
      ] as const) {
        usingMetrics[`${kind}${key.charAt(0).toUpperCase()}${key.slice(1)}`] = new Metric({
          namespace: 'AWS/DynamoDB',
          metricName,
          dimensionsMap: dimensions,
          statistic: 'Sum',
          period: PERIOD,
        });
      }
    }
    const ids = Object.keys(usingMetrics);
    if (ids.length > MAX_METRICS_PER_MATH_ALARM) {
      throw new Error(`The throttling alarm would read ${ids.length} metrics; a metric-math alarm reads at most 10`);
    }
    return new MathExpression({
      expression: ids.map((metricId) => `FILL(${metricId}, 0)`).join(' + '),
      usingMetrics,
      label: 'Throttle events of the table and its indexes',
      period: PERIOD,
    });
  }
}
