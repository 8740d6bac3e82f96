import type { SQSRecord } from 'aws-lambda';
import { isThrottling } from '../adapters/aws-errors';
import { enqueueFollowUps } from '../adapters/sqs/follow-up-queue';
import { config } from '../config';
import { ServiceUnavailableError } from '../domain/errors';
import { followUpDelaySeconds, followUpWork, remainingWork } from '../domain/follow-up-work';
import type { SignUpChange } from '../domain/sign-up-change';
import { signUpFollowUpFromText } from '../schemas/sign-up-follow-up';
import { logger } from './logger';
import { stores } from './stores';

/** The table refused for throughput (or contention): busy, not broken; the work waits and comes back. */
const tableBusy = (error: unknown) => error instanceof ServiceUnavailableError || isThrottling(error);

/**
 * Hands the sign-up changes of one performance change over to the mailer: on the email queue in work items of at
 * most 25 changes (src/domain/follow-up-work.ts), so no single invocation has unbounded work to do.
 *
 * @example await queueSignUpFollowUps(performanceId, followUpPerformanceChange(before, after, signUps, at).signUps)
 */
export async function queueSignUpFollowUps(performanceId: string, changes: readonly SignUpChange[]): Promise<void> {
  const work = followUpWork(performanceId, changes);
  await enqueueFollowUps(config().emailQueueUrl, work);
  logger.info('sign-up follow-ups queued', { performanceId, changes: changes.length, messages: work.length });
}

/**
 * Saves the sign-up changes of one follow-up message of the email queue (queued by the table's stream consumer),
 * one after another; a change whose sign-up has moved on meanwhile is left alone. When the table refuses one for
 * throughput, the rest goes back on the queue as a new message, visible after a growing delay, and this message
 * counts as handled: waiting for capacity never counts as a failed receive, so no work reaches the dead-letter
 * queue however long the table stays busy. The same happens, without delay, when `latestStart` has passed (the
 * function's time is nearly up). Any other error throws, for SQS to deliver the message again (the changes saved
 * before it are then skipped, for their sign-ups have moved on).
 *
 * @example await saveQueuedFollowUp(record, { latestStart: Date.now() + 50_000 })
 */
export async function saveQueuedFollowUp(record: SQSRecord, options: { latestStart: number }): Promise<void> {
  const work = signUpFollowUpFromText(record.body);
  const { signUps } = stores();
  let saved = 0;
  let skipped = 0;
  let stopped: 'refused' | 'out-of-time' | undefined;
  for (const change of work.changes) {
    if (Date.now() > options.latestStart) {
      stopped = 'out-of-time';
      break;
    }
    try {
      if (!(await signUps.saveUnlessMovedOn(change))) skipped += 1;
      saved += 1;
    } catch (error) {
      if (!tableBusy(error)) throw error;
      stopped = 'refused';
      break;
    }
  }
  const rest = stopped && remainingWork(work, saved, stopped);
  const summary = { messageId: record.messageId, performanceId: work.performanceId, saved, skipped };
  if (!rest) {
    logger.info('sign-up follow-up saved', summary);
    return;
  }
  const delaySeconds = stopped === 'refused' ? followUpDelaySeconds(rest.deferrals - 1) : 0;
  // On the queue before this message is deleted: if the function dies in between, both come back, and the
  // changes already saved are skipped.
  await enqueueFollowUps(config().emailQueueUrl, [rest], delaySeconds);
  logger.info('sign-up follow-up put back', { ...summary, left: rest.changes.length, reason: stopped, delaySeconds });
}
