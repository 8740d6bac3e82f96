import type { SNSEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { FunctionDefinition, TopicName } from '../../src/manifest';
import type { AnyHandler } from './handlers';
import { invoke } from './invocation';

export interface TopicSubscriber {
  readonly definition: FunctionDefinition;
  readonly handler: AnyHandler;
}

/** The event Lambda's SNS subscription delivers for one message (one record per invocation, as SNS sends it). */
export function snsEvent(topic: TopicName, message: string, now = new Date()): SNSEvent {
  const topicArn = `arn:aws:sns:us-east-1:000000000000:${topic}`;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topicArn,
          Subject: '',
          Message: message,
          Timestamp: now.toISOString(),
          SignatureVersion: '1',
          Signature: 'local',
          SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/local.pem',
          UnsubscribeUrl: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}`,
          MessageAttributes: {},
        },
      },
    ],
  };
}

/**
 * Publishes a message to a topic of the manifest as SNS would: each subscribed function is invoked with it. There
 * is no local SNS; what AWS publishes (SES's notifications) a test or a person publishes here instead.
 */
export async function publishLocally(
  subscribers: readonly TopicSubscriber[],
  topic: TopicName,
  message: string,
): Promise<{ invoked: string[]; results: unknown[] }> {
  const results = [];
  for (const { definition, handler } of subscribers)
    results.push(await invoke(definition, handler, snsEvent(topic, message)));
  return { invoked: subscribers.map(({ definition }) => definition.name), results };
}
