import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SnsEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueName, TopicName } from '../../src/manifest';
import { topics } from '../../src/manifest';
import { pascal } from '../names';
import { scheduleTargetSettings, streamEventSourceSettings, streamFilterPatterns } from '../event-source-settings';
import { cronForEveryMinutes } from '../schedule-expression';
import type { Alerts } from './alerts';
import type { ManifestFunction } from './manifest-function';
import type { QueuePair } from './queues';

export { STREAM_RETRY_ATTEMPTS } from '../event-source-settings';

export interface EventTriggersProps {
  readonly functions: readonly ManifestFunction[];
  readonly queues: Readonly<Record<QueueName, QueuePair>>;
  readonly table: ITable;
  readonly alerts: Alerts;
}

/**
 * Connects the non-HTTP triggers of the manifest: SQS queues, the table's stream, schedules and SNS topics (made
 * here, one per topic a function subscribes to). HTTP routes and the authorizer belong to the HTTP API.
 */
export class EventTriggers extends Construct {
  /** The on-failure queue of each stream consumer, by manifest function name. */
  readonly streamFailureQueues = new Map<string, Queue>();
  /** The manifest's topics that functions subscribe to, by name (what publishes to them is wired by the stack). */
  readonly topics = new Map<TopicName, Topic>();

  constructor(scope: Construct, id: string, props: EventTriggersProps) {
    super(scope, id);
    assertOnePolledQueue(props.functions);
    for (const target of props.functions) {
      const { trigger } = target.definition;
      switch (trigger.kind) {
        case 'sqs':
          target.fn.addEventSource(
            new SqsEventSource(props.queues[trigger.queue].queue, {
              batchSize: trigger.batchSize,
              reportBatchItemFailures: true,
              // The manifest's bound on invocations at once; the mailer divides SES's rate among that many.
              ...(trigger.maxConcurrency ? { maxConcurrency: trigger.maxConcurrency } : {}),
            }),
          );
          break;
        case 'dynamodb-stream':
          target.fn.addEventSource(
            new DynamoEventSource(props.table, {
              startingPosition: StartingPosition.TRIM_HORIZON,
              batchSize: trigger.batchSize,
              retryAttempts: streamEventSourceSettings.retryAttempts,
              bisectBatchOnError: streamEventSourceSettings.bisectBatchOnError,
              // The stream handler fails the whole batch by throwing (every step is safe to repeat) rather than
              // returning batchItemFailures, so partial responses would add nothing; bisection isolates a bad record.
              reportBatchItemFailures: streamEventSourceSettings.reportBatchItemFailures,
              // Only the records the manifest's filters name invoke the function; TTL expiries never do.
              ...(trigger.filters
                ? { filters: streamFilterPatterns(trigger.filters).map((pattern) => FilterCriteria.filter(pattern)) }
                : {}),
              // Records that still fail are not dropped silently: their coordinates go to the consumer's own
              // queue with an alarm, so a failure of one consumer is told apart from another's.
              onFailure: new SqsDlq(this.streamFailureQueue(target, props.alerts)),
            }),
          );
          Validations.of(target.role).acknowledge({
            id: 'AwsSolutions-IAM5[Resource::*]',
            reason:
              'dynamodb:ListStreams, added by CDK for the stream event source, is not resource-scoped in IAM: ' +
              "it only lists stream ARNs. Reading records is limited to this table's stream ARN.",
          });
          break;
        case 'schedule':
          new Rule(this, `${target.node.id}Schedule`, {
            description: `Runs ${target.definition.name} every ${trigger.everyMinutes} minutes on the clock (UTC)`,
            schedule: Schedule.cron(cronForEveryMinutes(trigger.everyMinutes)),
            targets: [
              new LambdaFunction(target.fn, {
                retryAttempts: scheduleTargetSettings.retryAttempts,
                maxEventAge: Duration.minutes(scheduleTargetSettings.maxEventAgeMinutes),
              }),
            ],
          });
          break;
        case 'sns':
          target.fn.addEventSource(new SnsEventSource(this.topic(trigger.topic)));
          break;
        case 'http':
        case 'authorizer':
          break;
        default:
          throw new Error(`Unknown trigger ${JSON.stringify(trigger satisfies never)}`);
      }
    }
  }

  private topic(name: TopicName): Topic {
    const existing = this.topics.get(name);
    if (existing) return existing;
    const topic = new Topic(this, `${pascal(name)}Topic`, { displayName: topics[name].description, enforceSSL: true });
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'SES cannot publish to a topic encrypted with the AWS managed SNS key, and a customer managed KMS key costs ' +
        'USD 1 a month (outside the free tier). Messages pass through to the subscribed function over TLS only ' +
        '(enforceSSL) and are not kept.',
    });
    this.topics.set(name, topic);
    return topic;
  }

  /**
   * The on-failure destination of one stream consumer. Lambda writes to it; nothing polls it, so it costs no
   * requests while empty (unlike a Lambda-polled queue).
   */
  private streamFailureQueue(target: ManifestFunction, alerts: Alerts): Queue {
    const id = `${target.node.id}StreamFailures`;
    const queue = new Queue(this, id, {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter destination: the on-failure destination of the stream event source ' +
        'mapping, which cdk-nag does not recognise as a DLQ. It has an alarm and nothing consumes it.',
    });
    alerts.alarmWhenNotEmpty(
      `${id}Alarm`,
      queue,
      `A DynamoDB stream batch of ${target.definition.name} failed after all retries; the message names the ` +
        'shard and sequence numbers.',
      'stream-failures-not-empty',
    );
    this.streamFailureQueues.set(target.definition.name, queue);
    return queue;
  }
}

/**
 * Refuses a second Lambda-polled queue. Lambda long-polls SQS for each SQS event source mapping around the clock,
 * about 0.65M requests a month with no traffic at all, so two would use up the 1M free SQS requests.
 */
export function assertOnePolledQueue(functions: readonly ManifestFunction[]): void {
  const pollers = functions.filter(({ definition }) => definition.trigger.kind === 'sqs');
  if (pollers.length > 1) {
    const names = pollers.map(({ definition }) => definition.name).join(', ');
    throw new Error(`Only one Lambda-polled queue fits the SQS free tier; these functions each poll one: ${names}`);
  }
}
