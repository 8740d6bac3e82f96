import type { SQSRecord } from 'aws-lambda';
import { isTableThrottling } from '../adapters/aws-errors';
import { dynamoSentEmailLedger } from '../adapters/dynamodb/sent-email-ledger';
import { dynamoSuppressionList } from '../adapters/dynamodb/suppression-list';
import type { PacedSender } from '../adapters/ses/paced-sender';
import { SendDeferredError } from '../adapters/ses/paced-sender';
import { requeueEmail } from '../adapters/sqs/email-queue';
import { config } from '../config';
import type { Clock } from '../domain/clock';
import { systemClock } from '../domain/clock';
import type { HeldClaim, SentEmailLedger } from '../domain/email-delivery';
import { DeliveryInProgressError, deliverToEach } from '../domain/email-delivery';
import type { SuppressionList } from '../domain/email-suppression';
import type { EmailMessage } from '../schemas/email-message';
import { emailMessageFromText } from '../schemas/email-message';
import type { DeliveryState } from './email-remainder';
import {
  putBackPlan,
  sentUnrecordedAttribute,
  sentUnrecordedKeys,
  throttledDeliveriesAttribute,
} from './email-remainder';
import { logger } from './logger';

/** A message with emails not sent for a reason other than throttling or the time: SQS delivers it again. */
class RecipientsPendingError extends Error {
  override readonly name = 'RecipientsPendingError';
}

/** What delivering a queued message uses besides SES: the table's ledger and list, the queue, the time. */
export interface MailerDeps {
  readonly ledger: SentEmailLedger;
  readonly suppressions: Pick<SuppressionList, 'find'>;
  readonly clock: Clock;
  readonly requeue: (
    message: EmailMessage,
    options: { delaySeconds: number; attributes: Record<string, string> },
  ) => Promise<void>;
  readonly pause?: (ms: number) => Promise<void>;
}

/** The mailer's dependencies in Lambda: the table and the email queue the configuration names. */
function mailerDeps(): MailerDeps {
  return {
    ledger: dynamoSentEmailLedger(config().tableName),
    suppressions: dynamoSuppressionList(config().tableName),
    clock: systemClock,
    requeue: (message, options) => requeueEmail(config().emailQueueUrl, message, options),
  };
}

/**
 * Puts what is left of a message back on the queue as new messages (see putBackPlan), so that waiting for SES,
 * for the table's capacity or for another attempt's claim never counts as a failed receive (each counts towards
 * the dead-letter queue). The new messages are on the queue before this one is deleted; if the function dies in
 * between, both are delivered and the ledger drops the copies. Throws when the message is to fail.
 */
async function putBackRest(
  deps: MailerDeps,
  record: SQSRecord,
  message: EmailMessage,
  state: DeliveryState,
  reason: string,
) {
  const throttledBefore = Number(record.messageAttributes[throttledDeliveriesAttribute]?.stringValue ?? 0) || 0;
  const plan = putBackPlan(message, state, throttledBefore, deps.clock.now());
  for (const { message: part, delaySeconds, attributes } of plan.putBack) {
    await deps.requeue(part, { delaySeconds, attributes: { ...attributes } });
    logger.info('unsent emails put back on the queue', {
      messageId: record.messageId,
      recipients: part.to.length,
      sentUnrecorded: attributes[sentUnrecordedAttribute],
      reason,
      delaySeconds,
    });
  }
  if (plan.fail) {
    throw new RecipientsPendingError(
      state.failed
        ? `recipients of ${message.to.length} not sent yet`
        : `throttled ${throttledBefore + 1} deliveries in a row`,
    );
  }
}

/**
 * Delivers one message of the email queue through `sender`: each recipient's email once (the sent-email ledger on
 * the table drops what was sent before). It throws, for SQS to deliver the message again, when an email failed
 * for a reason of its own; what SES's rate, the table's capacity, another attempt's claim or the time held back
 * goes back on the queue instead.
 *
 * @example await deliverQueuedMessage(record, pacedSender(sesEmailSender(from), { … })) // deps from the configuration
 */
export async function deliverQueuedMessage(
  record: SQSRecord,
  sender: PacedSender,
  deps: MailerDeps = mailerDeps(),
): Promise<void> {
  const message = emailMessageFromText(record.body);
  const sentBefore = sentUnrecordedKeys(message, record.messageAttributes[sentUnrecordedAttribute]?.stringValue);
  const done = new Set<string>();
  const unrecorded = new Set(sentBefore);
  const report = await deliverToEach(
    { ...deps, sender },
    message,
    () => sender.accepting(),
    (key, outcome, suppression) => {
      if (outcome === 'sent-unrecorded') {
        unrecorded.add(key);
        logger.warn('email sent, not recorded as sent: the table refused the write', {
          messageId: record.messageId,
          key,
        });
        return;
      }
      done.add(key);
      unrecorded.delete(key);
      if (suppression) {
        // Not a failure: SES reported the address bounced or complained; the person sees it in their profile.
        const { reason, detail, since } = suppression;
        logger.info('email not sent: the address is undeliverable', {
          messageId: record.messageId,
          key,
          reason,
          detail,
          since,
        });
      } else {
        logger.info('email delivered', { messageId: record.messageId, key, outcome });
      }
    },
    sentBefore,
  );
  const { sent, duplicate, suppressed, pending, errors } = report;
  logger.info('message delivered', {
    messageId: record.messageId,
    recipients: message.to.length,
    sent,
    duplicate,
    suppressed,
    pending,
    unrecorded: unrecorded.size,
  });
  const held = new Map<string, HeldClaim>();
  for (const error of errors) if (error instanceof DeliveryInProgressError) held.set(error.key, error.held);
  const tableThrottled = errors.some(isTableThrottling);
  const failures = errors.filter(
    (error) =>
      !(error instanceof SendDeferredError || error instanceof DeliveryInProgressError || isTableThrottling(error)),
  );
  for (const error of failures) logger.warn('email to one recipient failed', { messageId: record.messageId, error });
  if (pending === 0 && unrecorded.size === 0) return;
  const throttled = tableThrottled || unrecorded.size > 0 || sender.deferred() === 'throttled';
  const reason = tableThrottled ? 'table-throttled' : (sender.deferred() ?? (held.size > 0 ? 'held' : 'out-of-time'));
  await putBackRest(
    deps,
    record,
    message,
    { done, held, unrecorded, sent, throttled, failed: failures.length > 0 },
    reason,
  );
}
