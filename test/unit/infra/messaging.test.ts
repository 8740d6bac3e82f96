import { Schedule } from 'aws-cdk-lib/aws-events';
import { describe, expect, it } from 'vitest';
import { cronForEveryMinutes } from '../../../infra/schedule-expression';
import { functions, queues } from '../../../src/manifest';
import { alertEmail, synthesize } from './synthesized';

const main = synthesize();
const { resources, ofType, fnId, props, onlyId, queueId } = main;
const tableId = onlyId('AWS::DynamoDB::Table');
const emailQueueId = queueId('Email');
const deadLetterQueueId = queueId('EmailDlq');

describe('event sources', () => {
  const mappings = ofType('AWS::Lambda::EventSourceMapping').map(
    ([, r]) =>
      r.Properties as {
        EventSourceArn: { 'Fn::GetAtt': [string, string] };
        FunctionName: { Ref: string };
        [key: string]: unknown;
      },
  );
  const sqsMappings = mappings.filter((m) => resources[m.EventSourceArn['Fn::GetAtt'][0]]?.Type === 'AWS::SQS::Queue');

  it('polls exactly one SQS queue, the email queue, with the manifest batch size and partial failures', () => {
    const consumer = functions.find((f) => f.trigger.kind === 'sqs')!;
    expect(sqsMappings).toHaveLength(1);
    expect(sqsMappings[0]).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [emailQueueId, 'Arn'] },
      FunctionName: { Ref: fnId(consumer.name) },
      BatchSize: consumer.trigger.kind === 'sqs' ? consumer.trigger.batchSize : -1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('reads the table stream from the start for every stream function, bisecting failed batches', () => {
    for (const f of functions) {
      if (f.trigger.kind !== 'dynamodb-stream') continue;
      expect(
        mappings.find((m) => m.FunctionName.Ref === fnId(f.name)),
        f.name,
      ).toMatchObject({
        EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: f.trigger.batchSize,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
      });
    }
  });

  const noTtlExpiry = { userIdentity: { principalId: [{ exists: false }] } };
  const filtersOf = (name: string) => {
    const mapping = mappings.find((m) => m.FunctionName.Ref === fnId(name)) as
      { FilterCriteria?: { Filters: { Pattern: string }[] } } | undefined;
    return mapping?.FilterCriteria?.Filters.map((f) => JSON.parse(f.Pattern) as unknown);
  };

  it('invokes the outbox relay only for new outbox records and changed performances, never for a TTL expiry', () => {
    expect(filtersOf('table-stream')).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['Outbox'] } } }, ...noTtlExpiry },
      { eventName: ['MODIFY'], dynamodb: { NewImage: { type: { S: ['Performance'] } } }, ...noTtlExpiry },
    ]);
  });

  it('keeps the search indexes in a consumer of their own, invoked only for performances and profiles, never for a TTL expiry', () => {
    expect(filtersOf('search-indexer')).toEqual([
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { type: { S: ['Performance'] } } }, ...noTtlExpiry },
      { eventName: ['REMOVE'], dynamodb: { OldImage: { type: { S: ['Performance'] } } }, ...noTtlExpiry },
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { type: { S: ['Profile'] } } }, ...noTtlExpiry },
      { eventName: ['REMOVE'], dynamodb: { OldImage: { type: { S: ['Profile'] } } }, ...noTtlExpiry },
    ]);
    // Each consumer sends what it gives up on to its own on-failure queue.
    const destinations = ['table-stream', 'search-indexer'].map((name) =>
      JSON.stringify(
        (mappings.find((m) => m.FunctionName.Ref === fnId(name)) as { DestinationConfig?: unknown }).DestinationConfig,
      ),
    );
    expect(new Set(destinations).size).toBe(2);
  });

  it('fires every schedule function on the clock', () => {
    for (const f of functions) {
      if (f.trigger.kind !== 'schedule') continue;
      const rule = ofType('AWS::Events::Rule').find(([, r]) =>
        JSON.stringify(r.Properties.Targets).includes(fnId(f.name)),
      );
      // The reminders need :00/:15/:30/:45 exactly; other periods follow the (separately tested) conversion.
      const expected =
        f.trigger.everyMinutes === 15
          ? 'cron(0/15 * * * ? *)'
          : Schedule.cron(cronForEveryMinutes(f.trigger.everyMinutes)).expressionString;
      expect(rule?.[1].Properties.ScheduleExpression, f.name).toBe(expected);
    }
  });
});

describe('the email queue', () => {
  const consumer = functions.find((f) => f.trigger.kind === 'sqs' && f.trigger.queue === 'email')!;

  it('hides a message for at least six times the consumer timeout and dead-letters it after the manifest count', () => {
    const queue = props<{ VisibilityTimeout: number; RedrivePolicy: unknown }>(emailQueueId);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumer.timeoutSeconds);
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] },
      maxReceiveCount: queues.email.maxReceiveCount,
    });
    expect(queues.email.maxReceiveCount).toBe(5);
  });

  it('alarms by email as soon as the dead-letter queue holds a message', () => {
    // The alerts' topic (the stack has another: SES's feedback).
    const topicId = ofType('AWS::SNS::Topic').find(([id]) => id.startsWith('Alerts'))?.[0];
    main.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLetterQueueId, 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      AlarmActions: [{ Ref: topicId }],
    });
    main.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: alertEmail });
  });

  it('requires TLS on every queue', () => {
    const policies = ofType('AWS::SQS::QueuePolicy').map(([, r]) => JSON.stringify(r.Properties));
    for (const [id] of ofType('AWS::SQS::Queue')) {
      expect(
        policies.some((p) => p.includes(id) && p.includes('aws:SecureTransport')),
        id,
      ).toBe(true);
    }
  });
});
