import type { Context, SNSEvent } from 'aws-lambda';
import { suppressionsFrom } from '../domain/email-suppression';
import { sesFeedbackFromText } from '../schemas/ses-notification';
import { logger } from './logger';
import { suppressions, storesOf } from './stores';

const stores = storesOf({ suppressions });

/**
 * SES's bounce and complaint notifications, through SNS: each permanently bounced or complaining recipient is
 * marked undeliverable (an item per address), so the mailer sends them nothing more and their profile says why.
 * A message that is not SES's notification is logged and dropped: retrying it could never succeed.
 */
export async function handler(event: SNSEvent, context: Context): Promise<{ suppressed: number }> {
  logger.addContext(context);
  const { suppressions } = stores();
  let suppressed = 0;
  for (const record of event.Records) {
    let feedback;
    try {
      feedback = sesFeedbackFromText(record.Sns.Message);
    } catch (error) {
      logger.warn('not an SES notification; dropped', { snsMessageId: record.Sns.MessageId, error });
      continue;
    }
    for (const suppression of suppressionsFrom(feedback)) {
      await suppressions.suppress(suppression);
      suppressed += 1;
      const { reason, detail, since, feedbackId } = suppression;
      // No address in the log: the feedback id finds the notification in SES if needed.
      logger.info('address marked undeliverable', { reason, detail, since, feedbackId });
    }
  }
  return { suppressed };
}
