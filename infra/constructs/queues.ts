import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionDefinition, QueueName, queues } from '../../src/manifest';
import { visibilityTimeoutSeconds } from '../event-source-settings';
import { pascal } from '../names';
import type { Alerts } from './alerts';

export interface QueuePair {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
}

export interface ManifestQueuesProps {
  readonly definitions: typeof queues;
  /** All manifest functions: the consumers of each queue set its visibility timeout. */
  readonly functions: readonly FunctionDefinition[];
  readonly alerts: Alerts;
}

/**
 * One queue and its dead-letter queue per entry of the manifest's `queues`, each DLQ with an alarm that mails the
 * operators as soon as a message lands in it.
 */
export class ManifestQueues extends Construct {
  readonly pairs: Readonly<Record<QueueName, QueuePair>>;

  constructor(scope: Construct, id: string, props: ManifestQueuesProps) {
    super(scope, id);
    const pairs: Partial<Record<QueueName, QueuePair>> = {};
    for (const name of Object.keys(props.definitions) as QueueName[]) {
      const definition = props.definitions[name];
      const deadLetterQueue = new Queue(this, `${pascal(definition.deadLetterName)}Queue`, {
        // The longest SQS allows: time to notice the alarm, look at the message and redrive it.
        retentionPeriod: Duration.days(14),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      const queue = new Queue(this, `${pascal(definition.name)}Queue`, {
        visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds(name, props.functions)),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      });
      props.alerts.alarmWhenNotEmpty(
        `${pascal(definition.deadLetterName)}Alarm`,
        deadLetterQueue,
        `Messages of the ${definition.name} queue failed ${definition.maxReceiveCount} times and wait in ` +
          `${definition.deadLetterName}. Fix the cause, then redrive them.`,
        `${definition.deadLetterName}-not-empty`,
      );
      pairs[name] = { queue, deadLetterQueue };
    }
    this.pairs = pairs as Record<QueueName, QueuePair>;
  }
}

export { VISIBILITY_TIMEOUT_FACTOR, visibilityTimeoutSeconds } from '../event-source-settings';
