import { TooManyRequestsException } from '@aws-sdk/client-sesv2';

/**
 * SES's maximum send rate, for aws-ses-v2-local (which accepts any number of emails a second): a bucket of
 * `burst` sends refilled at `perSecond`, refusing a send when it is empty with the error SES v2 gives then
 * (429 TooManyRequestsException, "Maximum sending rate exceeded."), as the local throughput meter
 * (`throughput.ts`) does for DynamoDB.
 */
export interface SesRateLimit {
  /** Emails a second (SES: 1 in the sandbox, 14 for a new production account). */
  readonly perSecond: number;
  /** Sends accepted at once after a pause; by default one second's worth (at least 1). */
  readonly burst?: number;
}

/** The rate the mailer is told when the stand-in has no limit: so high that it never waits noticeably. */
export const unlimitedMailerRate = 1000;

export class SesSendRate {
  private tokens = 0;
  private last = 0;
  private limitInForce: SesRateLimit | undefined;
  /** Sends let through and refused since the limit was last set. */
  accepted = 0;
  refused = 0;

  constructor(
    limit: SesRateLimit | undefined,
    private readonly clock: () => number = Date.now,
  ) {
    this.setLimit(limit);
  }

  get limit(): SesRateLimit | undefined {
    return this.limitInForce;
  }

  /** Replaces the limit (undefined: no limit), starts with a full bucket and zero counts. */
  setLimit(limit: SesRateLimit | undefined): void {
    this.limitInForce = limit;
    this.tokens = limit ? this.size(limit) : 0;
    this.last = this.clock();
    this.accepted = 0;
    this.refused = 0;
  }

  private size(limit: SesRateLimit): number {
    return limit.burst ?? Math.max(1, limit.perSecond);
  }

  /** Takes one send from the bucket; false (and nothing taken) when SES would refuse it. */
  admit(): boolean {
    const limit = this.limitInForce;
    const now = this.clock();
    if (limit) {
      this.tokens = Math.min(this.size(limit), this.tokens + (Math.max(0, now - this.last) / 1000) * limit.perSecond);
      this.last = Math.max(this.last, now);
      if (this.tokens < 1) {
        this.refused += 1;
        return false;
      }
      this.tokens -= 1;
    }
    this.accepted += 1;
    return true;
  }
}

interface Stack {
  addRelativeTo(
    middleware: unknown,
    options: { relation: 'after' | 'before'; toMiddleware: string; name: string; override?: boolean },
  ): void;
}

/**
 * Installs the rate on an SES v2 client (the product's, `sesClient()`). It sits inside the SDK's retry
 * middleware, so a refused send is retried by the SDK as a throttled call to SES is.
 */
export function limitSendRate(client: { middlewareStack: unknown }, rate: SesSendRate): void {
  (client.middlewareStack as Stack).addRelativeTo(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      if (context.commandName === 'SendEmailCommand' && !rate.admit()) {
        throw new TooManyRequestsException({
          $metadata: { httpStatusCode: 429 },
          message: 'Maximum sending rate exceeded.',
        });
      }
      return next(args);
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'localSesSendRate', override: true },
  );
}
