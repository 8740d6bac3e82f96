import { config } from '../config';
import { dynamoSentEmailLedger } from '../adapters/dynamodb/sent-email-ledger';
import type { Clock } from '../domain/clock';
import { systemClock } from '../domain/clock';
import type { EmailSender, SentEmailLedger } from '../domain/email-delivery';

/** What sending email needs: the ledger of sent emails on the table, the sender (SES, paced), a clock. */
export function deliveryDependencies(sender: EmailSender): {
  ledger: SentEmailLedger;
  sender: EmailSender;
  clock: Clock;
} {
  return { ledger: dynamoSentEmailLedger(config().tableName), sender, clock: systemClock };
}
