import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';

/** The event Lambda would deliver for these queue message bodies, each received for the first time. */
export function sqsEvent(...bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body) => ({
      messageId: randomUUID(),
      receiptHandle: randomUUID(),
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'test',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:email',
      awsRegion: 'us-east-1',
    })),
  };
}
