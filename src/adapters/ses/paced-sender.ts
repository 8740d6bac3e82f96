import type { EmailSender } from '../../domain/email-delivery';
import type { EmailMessage } from '../../domain/email-message';
import { SendPacer } from './send-pacer';

/**
 * The errors SES v2 answers when the account sends too fast: `TooManyRequestsException` (HTTP 429, "Maximum
 * sending rate exceeded.") from SendEmail, `ThrottlingException`/`Throttling` (SES's common throttling errors,
 * which the developer guide names), and `LimitExceededException`, which the SDK treats as throttling too.
 */
const throttlingErrors = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'LimitExceededException',
]);

/** Whether SES refused a send for the account's sending rate (try again later), not for the email itself. */
export function isThrottling(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number } } | undefined;
  return throttlingErrors.has(String(e?.name)) || e?.$metadata?.httpStatusCode === 429;
}

/** Why a send was not made now: SES kept throttling, or its slot opens after the time the invocation has. */
export type DeferralReason = 'throttled' | 'out-of-time';

/** An email not sent for now (never because of the email itself): send it in a later invocation. */
export class SendDeferredError extends Error {
  override readonly name = 'SendDeferredError';

  constructor(
    readonly reason: DeferralReason,
    options?: { cause?: unknown },
  ) {
    super(reason === 'throttled' ? 'SES kept throttling sends' : 'no send slot before the timeout', options);
  }
}

export interface PacedSender extends EmailSender {
  /** Whether another email may start: its slot opens in time and SES has not kept throttling this invocation. */
  accepting(): boolean;
  /** Why sends were deferred, if any was. */
  deferred(): DeferralReason | undefined;
}

export interface PacingOptions {
  /** The account's SES sending rate, emails a second. */
  readonly ratePerSecond: number;
  /** How many invocations send at once at most (the event source's maximum concurrency): each takes its share. */
  readonly concurrency: number;
  /** The latest moment (epoch ms) a send may start: the invocation stops sending after it. */
  readonly latestStart: number;
  /**
   * Throttled answers in a row (after the SDK's own retries of each) this invocation takes before it defers: each is
   * followed by a longer pause of all its sends (1 s, 2 s, 4 s by default).
   */
  readonly throttleRetries?: number;
  readonly firstBackoffMs?: number;
}

/**
 * An email sender that keeps within SES's sending rate: this invocation sends at most rate / concurrency emails a
 * second (so the invocations running at once never pass the rate together), retries a throttled send with
 * backoff, and defers, with `SendDeferredError`, a send that cannot start before `latestStart` or that SES still
 * throttles after the retries. Once SES has throttled too often in a row, it defers every further send at once.
 *
 * @example const ses = pacedSender(sesEmailSender(from), { ratePerSecond: 14, concurrency: 2, latestStart })
 */
export function pacedSender(sender: EmailSender, options: PacingOptions): PacedSender {
  // Whole milliseconds, rounded up: never a hair faster than the rate.
  const pacer = new SendPacer(Math.ceil((1000 * options.concurrency) / options.ratePerSecond));
  const retries = options.throttleRetries ?? 3;
  const firstBackoffMs = options.firstBackoffMs ?? 1000;
  // Throttled answers since SES last accepted a send of this invocation (any of its emails).
  let throttledInARow = 0;
  let deferred: DeferralReason | undefined;
  const defer = (reason: DeferralReason, cause?: unknown): never => {
    deferred ??= reason;
    throw new SendDeferredError(reason, { cause });
  };
  return {
    accepting: () => deferred !== 'throttled' && pacer.nextSlot() <= options.latestStart,
    deferred: () => deferred,
    async send(message: EmailMessage) {
      for (;;) {
        if (deferred === 'throttled') defer('throttled');
        if (!(await pacer.take(options.latestStart))) defer('out-of-time');
        // Again after the wait: SES may have kept throttling another email meanwhile.
        if (deferred === 'throttled') defer('throttled');
        try {
          await sender.send(message);
          throttledInARow = 0;
          return;
        } catch (error) {
          if (!isThrottling(error)) throw error;
          throttledInARow += 1;
          if (throttledInARow > retries) defer('throttled', error);
          pacer.holdOff(firstBackoffMs * 2 ** (throttledInARow - 1));
        }
      }
    },
  };
}
