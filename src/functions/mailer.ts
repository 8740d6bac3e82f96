import type { Context } from 'aws-lambda';
import { pacedSender } from '../adapters/ses/paced-sender';
import { sesEmailSender } from '../adapters/ses/ses-email-sender';
import { config, sesMaxSendRate } from '../config';
import { functionNamed } from '../manifest';
import { queuedMessageKind } from '../schemas/sign-up-follow-up';
import { deliverQueuedMessage } from './delivery';
import { queueConsumer } from './queue/consumer';
import { saveQueuedFollowUp } from './sign-up-follow-up';

/**
 * Time kept in hand before the function's timeout: one more email (a ledger claim, an SES call and a ledger
 * write, each retried by the SDK) and putting the rest back on the queue fit in it, so the function stops between
 * emails rather than being killed in the middle of one.
 */
const reserveMs = 5_000;

/** How many mailers run at once at most: the manifest's maximum concurrency of its queue. */
function mailerConcurrency(): number {
  const { trigger } = functionNamed('mailer');
  if (trigger.kind !== 'sqs' || !trigger.maxConcurrency) throw new Error('The mailer trigger sets no maxConcurrency');
  return trigger.maxConcurrency;
}

/**
 * The mailer: the one function that sends email. It consumes the email queue and reports each failed message
 * on its own, so one bad message is retried and, after maxReceiveCount, dead-lettered without holding back the
 * rest. It keeps within SES's sending rate: at most `maxConcurrency` mailers run at once, each sending at most
 * that share of SES_MAX_SEND_RATE, retrying throttled sends. A message to many (a slot's reminder) is sent to each
 * recipient under their own key; what the rate or the timeout leaves unsent goes back on the queue as a new
 * message, not as a failure, and its delivery sends only the emails still missing. The queue also carries the
 * sign-up changes a performance change causes (see sign-up-follow-up.ts): the mailer saves them, and their
 * notifications come back to it as emails through the outbox.
 */
export const handler = queueConsumer('email failed', (context: Context) => {
  const latestStart = Date.now() + context.getRemainingTimeInMillis() - reserveMs;
  const sender = pacedSender(sesEmailSender(config().senderEmail), {
    ratePerSecond: sesMaxSendRate(),
    concurrency: mailerConcurrency(),
    latestStart,
  });
  return (record) =>
    queuedMessageKind(record.body) === 'sign-up-follow-up'
      ? saveQueuedFollowUp(record, { latestStart })
      : deliverQueuedMessage(record, sender);
});
