import { config } from '../config';
import { dynamoSentEmailLedger } from '../adapters/dynamodb/sent-email-ledger';
import { sesEmailSender } from '../adapters/ses/ses-email-sender';
import type { Clock } from '../domain/clock';
import { systemClock } from '../domain/clock';
import type { EmailSender, SentEmailLedger } from '../domain/email-delivery';

/** What sending email needs: the ledger of sent emails on the table, SES with the sender's address, a clock. */
export function deliveryDependencies(): { ledger: SentEmailLedger; sender: EmailSender; clock: Clock } {
  const { tableName, senderEmail } = config();
  return { ledger: dynamoSentEmailLedger(tableName), sender: sesEmailSender(senderEmail), clock: systemClock };
}
