import type { Context, ScheduledEvent } from 'aws-lambda';
import type { DispatchReport } from '../domain/reminder-dispatch';
import { isThrottling } from '../adapters/aws-errors';
import { ServiceUnavailableError } from '../domain/errors';
import { dispatchDueReminders } from '../domain/reminder-dispatch';
import { logger } from './logger';
import { performances, reminders, storesOf } from './stores';

const stores = storesOf({ performances, reminders });

export type { DispatchReport } from '../domain/reminder-dispatch';

/** Time kept in hand at the end of a run: closing one reminder to 500 performers takes a few seconds. */
const reserveMs = 15_000;

/**
 * Every quarter hour: sends each audition reminder that is due (one outbox record, hence one queue message, per
 * slot and reminder instant, listing its performers), catching up on any missed runs. Near its timeout it stops
 * between reminders; the performers not yet reminded still wait, and the next run sends theirs.
 */
export async function handler(event: ScheduledEvent, context: Context): Promise<DispatchReport> {
  logger.addContext(context);
  const now = new Date(event.time);
  const hasTime = () => context.getRemainingTimeInMillis() > reserveMs;
  // Throttled (after the SDK's retries): the rest waits for the next run, as when time runs out.
  const isBusy = (error: unknown) => isThrottling(error) || error instanceof ServiceUnavailableError;
  const report = await dispatchDueReminders(stores(), now, hasTime, isBusy);
  if (report.unfinished)
    logger.warn('reminders left for the next run: time is nearly up', { at: event.time, ...report });
  else logger.info('reminders dispatched', { at: event.time, ...report });
  return report;
}
