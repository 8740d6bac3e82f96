import type { SQSRecord } from 'aws-lambda';
import { isThrottling } from '../adapters/aws-errors';
import { enqueueFollowUps } from '../adapters/sqs/follow-up-queue';
import { config } from '../config';
import { NotFoundError, ServiceUnavailableError } from '../domain/errors';
import { followUpDelaySeconds, followUpWork, remainingWork } from '../domain/follow-up-work';
import { followSlotMove, settleAgain } from '../domain/follow-ups';
import type { SignUpChange } from '../domain/sign-up-change';
import { signUpFollowUpFromText } from '../schemas/sign-up-follow-up';
import { logger } from './logger';
import { performances, signUps, storesOf } from './stores';

const stores = storesOf({ performances, signUps });

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
 * Saves one queued change. Queued work may be saved out of order, so each change is decided on the sign-up as it
 * was read and saved only while it is still so. When it has changed meanwhile (an earlier change saved after this
 * one was decided, a new time zone), a cancellation or "not cast" is decided again on the sign-up as it is now (so
 * its invite takes the next sequence), and a slot move moves it again from what it is now to its slot as the
 * performance has it now, or leaves it alone when it shows that slot already, has moved on, or its performance is
 * gone or closed (their own follow-ups settle it). Returns whether anything was written.
 */
async function saveChange(change: SignUpChange): Promise<boolean> {
  const { signUps, performances } = stores();
  if (await signUps.saveUnlessMovedOn(change)) return true;
  if (!change.unchangedSince) return false;
  const { performanceId, performerId } = change.signUp;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const [signUp, state] = await Promise.all([
      signUps.find(performanceId, performerId),
      performances.read(performanceId).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }),
    ]);
    const again = !signUp
      ? undefined
      : change.signUp.status !== 'signed-up'
        ? settleAgain(signUp, change)
        : state && !state.performance.castingClosed
          ? followSlotMove(signUp, state.performance, new Date())
          : undefined;
    if (!again) return false;
    if (await signUps.saveUnlessMovedOn(again)) return true;
  }
  return false;
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
  let saved = 0;
  let skipped = 0;
  let stopped: 'refused' | 'out-of-time' | undefined;
  for (const change of work.changes) {
    if (Date.now() > options.latestStart) {
      stopped = 'out-of-time';
      break;
    }
    try {
      if (!(await saveChange(change))) skipped += 1;
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
