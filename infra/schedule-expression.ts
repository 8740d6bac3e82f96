import type { CronOptions } from 'aws-cdk-lib/aws-events';

/**
 * The EventBridge cron fields for "every `everyMinutes` minutes, aligned to the clock" (UTC), e.g. 15 →
 * `{ minute: '0/15' }`, which renders as `cron(0/15 * * * ? *)` and fires at :00, :15, :30 and :45.
 *
 * A cron, not `rate(15 minutes)`: a rate counts from when the rule was created, so it would fire at, say, :07, and a
 * 19:00 local reminder would go out late. Only periods that divide an hour (or a day, in whole hours) keep every gap
 * equal across the hour or day boundary; anything else is refused rather than silently drifting.
 */
export function cronForEveryMinutes(everyMinutes: number): CronOptions {
  if (!Number.isInteger(everyMinutes) || everyMinutes < 1) {
    throw new Error(`everyMinutes must be a positive whole number, got ${everyMinutes}`);
  }
  if (everyMinutes < 60) {
    if (60 % everyMinutes !== 0) throw new Error(`everyMinutes ${everyMinutes} does not divide an hour`);
    return { minute: everyMinutes === 1 ? '*' : `0/${everyMinutes}` };
  }
  const hours = everyMinutes / 60;
  if (!Number.isInteger(hours) || 24 % hours !== 0) {
    throw new Error(`everyMinutes ${everyMinutes} is not a whole number of hours that divides a day`);
  }
  return { minute: '0', hour: hours === 1 ? '*' : `0/${hours}` };
}
