import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SignUpFollowUp } from '../../domain/follow-up-work';
import { emailQueueClient } from './email-queue';

/**
 * Puts sign-up follow-ups on the email queue (the mailer saves them), at most 10 per SQS batch, each visible after
 * `delaySeconds` (at most 900; 0 by default).
 *
 * @example await enqueueFollowUps(queueUrl, followUpWork(performanceId, changes))
 * @example await enqueueFollowUps(queueUrl, [rest], 20) // refused by the table: again in 20 s
 */
export async function enqueueFollowUps(
  queueUrl: string,
  work: readonly SignUpFollowUp[],
  delaySeconds = 0,
): Promise<void> {
  for (let i = 0; i < work.length; i += 10) {
    const batch = work.slice(i, i + 10);
    const { Failed = [] } = await emailQueueClient().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((item, n) => ({
          Id: String(n),
          MessageBody: JSON.stringify(item),
          ...(delaySeconds ? { DelaySeconds: delaySeconds } : {}),
        })),
      }),
    );
    if (Failed.length) {
      throw new Error(`SQS refused ${Failed.length} of ${batch.length} follow-ups: ${Failed[0]?.Message}`);
    }
  }
}
