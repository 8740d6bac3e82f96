import type { ScheduledEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { FunctionDefinition } from '../../src/manifest';
import type { AnyHandler } from './handlers';
import { asyncInvokeRetry } from '../../infra/event-source-settings';
import { invoke } from './invocation';

export interface ScheduledFunction {
  readonly definition: FunctionDefinition;
  readonly everyMinutes: number;
  readonly handler: AnyHandler;
}

export interface Scheduler {
  /** Fires a schedule function now, with the event's `time` set to `time` (default: now). */
  run(name: string, time?: Date): Promise<unknown>;
  stop(): void;
}

/** The event EventBridge sends for a scheduled rule. */
export function scheduledEvent(definition: FunctionDefinition, time: Date): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: process.env.AWS_REGION ?? 'us-east-1',
    resources: [`arn:aws:events:us-east-1:000000000000:rule/${definition.name}`],
    detail: {},
  };
}

/** The next instant after `afterMs` that is a whole multiple of the period in UTC (15 → :00, :15, :30, :45). */
export function nextFireTime(afterMs: number, everyMinutes: number): number {
  const period = everyMinutes * 60_000;
  return Math.floor(afterMs / period) * period + period;
}

/**
 * Fires each schedule function at every multiple of its period in UTC (every 15 minutes: :00, :15, :30,
 * :45), like the cron rule the CDK stack creates, retrying a failed run as Lambda retries an asynchronous
 * invocation; and on demand through `run` (which reports a failure to its caller instead).
 */
export function startScheduler(functions: readonly ScheduledFunction[], log: (line: string) => void): Scheduler {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const run = async (name: string, time = new Date()) => {
    const fn = functions.find((f) => f.definition.name === name);
    if (!fn) throw new Error(`No schedule function named ${name}`);
    return invoke(fn.definition, fn.handler, scheduledEvent(fn.definition, time));
  };
  /** A timed run is an asynchronous invocation: Lambda retries a failed one twice, a minute and two minutes later. */
  const runWithRetries = (fn: ScheduledFunction, time: Date, retries: number) => {
    run(fn.definition.name, time).catch((error: unknown) => {
      const retry = retries < asyncInvokeRetry.retryAttempts && !stopped;
      log(`[${fn.definition.name}] scheduled run failed${retry ? ', will retry' : ''}: ${(error as Error).message}`);
      if (!retry) return;
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          if (!stopped) runWithRetries(fn, time, retries + 1);
        },
        (asyncInvokeRetry.delaysSeconds[retries] ?? 120) * 1000,
      );
      timer.unref();
      timers.add(timer);
    });
  };
  const arm = (fn: ScheduledFunction) => {
    const next = nextFireTime(Date.now(), fn.everyMinutes);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped) return;
      runWithRetries(fn, new Date(next), 0);
      arm(fn);
    }, next - Date.now());
    timer.unref();
    timers.add(timer);
  };
  functions.forEach(arm);
  return {
    run,
    stop() {
      stopped = true;
      timers.forEach(clearTimeout);
    },
  };
}
