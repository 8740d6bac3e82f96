import { Duration, Validations } from 'aws-cdk-lib';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlertsProps {
  readonly alertEmail: string;
  readonly monthlyBudgetUsd: number;
}

/**
 * Where operators hear about trouble: an SNS topic mailed to the alert address (for CloudWatch alarms) and a
 * monthly cost budget that emails the same address directly.
 */
export class Alerts extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Audition Me alerts', enforceSSL: true });
    this.topic.addSubscription(new EmailSubscription(props.alertEmail));
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry no personal data. A customer managed KMS key costs USD 1 a month (outside ' +
        'the free tier), and CloudWatch alarms cannot publish to a topic encrypted with the AWS managed SNS key.',
    });

    // Budgets are account-wide: this one also catches anything else in the account leaving the free tier.
    new CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyBudgetUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        notify('ACTUAL', 80, props.alertEmail),
        notify('ACTUAL', 100, props.alertEmail),
        notify('FORECASTED', 100, props.alertEmail),
      ],
    });
  }

  /** Alarms (via the topic) as soon as any message is waiting in `queue`, e.g. a dead-letter queue. */
  alarmWhenNotEmpty(id: string, queue: IQueue, description: string, runbookSection: string): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: withRunbook(description, runbookSection),
      // SQS publishes its metrics every 5 minutes; a shorter period would only see gaps.
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    return this.watch(alarm);
  }

  /** Mails the alert address (via the topic) when `alarm` goes off and when it is back to OK. */
  watch(alarm: Alarm): Alarm {
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    return alarm;
  }
}

/**
 * An alarm description that ends with where its runbook is: the section of docs/operations.md (a heading's anchor)
 * that says what the alarm means, where to look and how to recover.
 */
export function withRunbook(description: string, runbookSection: string): string {
  return `${description} Runbook: docs/operations.md#${runbookSection}`;
}

function notify(
  notificationType: 'ACTUAL' | 'FORECASTED',
  percent: number,
  address: string,
): CfnBudget.NotificationWithSubscribersProperty {
  return {
    notification: {
      notificationType,
      comparisonOperator: 'GREATER_THAN',
      threshold: percent,
      thresholdType: 'PERCENTAGE',
    },
    subscribers: [{ subscriptionType: 'EMAIL', address }],
  };
}
