import type { Clock } from './clock';
import { TooManyRequestsError } from './errors';

/**
 * How many emails about their account (a confirmation code, a note that someone tried to register their address)
 * a sign-up may cause to one address in one clock hour. Cognito sends at most 50 emails a day for the whole pool,
 * so without it anyone could use them all up with one address, or flood someone's inbox.
 */
export const accountEmailsPerHour = 5;

/** One clock hour (UTC) in which an address's account emails are counted. */
export interface EmailWindow {
  /** The hour, e.g. `2026-11-24T12`: the counter's name. */
  readonly window: string;
  /** When the next hour starts. */
  readonly endsAt: Date;
}

/**
 * The clock hour an instant falls in.
 * @example emailWindow(new Date('2026-11-24T12:34:56Z')) // { window: '2026-11-24T12', endsAt: 2026-11-24T13:00Z }
 */
export function emailWindow(now: Date): EmailWindow {
  const hour = 3600_000;
  return {
    window: now.toISOString().slice(0, 13),
    endsAt: new Date(Math.floor(now.getTime() / hour) * hour + hour),
  };
}

/** Counts the account emails sent to each address per hour; the database decides races, so none can exceed it. */
export interface AccountEmailCounter {
  /** Counts one more email to the address in the window unless it already had `limit`; false when it had. */
  take(email: string, window: EmailWindow, limit: number): Promise<boolean>;
  /** Takes back one counted email that was not sent after all. */
  giveBack(email: string, window: EmailWindow): Promise<void>;
}

/** One email to an address, counted: give it back if it was not sent after all. */
export interface EmailAllowance {
  giveBack(): Promise<void>;
}

/**
 * Counts one account email to `email` in the current hour, or refuses with a TooManyRequestsError whose
 * `retryAfterSeconds` says when the next hour starts.
 *
 * @example const allowance = await takeAccountEmail({ accountEmails, clock }, 'ann@example.com')
 */
export async function takeAccountEmail(
  deps: { readonly accountEmails: AccountEmailCounter; readonly clock: Clock },
  email: string,
): Promise<EmailAllowance> {
  const now = deps.clock.now();
  const window = emailWindow(now);
  if (!(await deps.accountEmails.take(email, window, accountEmailsPerHour))) {
    const retryAfterSeconds = Math.max(1, Math.ceil((window.endsAt.getTime() - now.getTime()) / 1000));
    throw new TooManyRequestsError(
      `We have sent ${accountEmailsPerHour} emails to this address in the last hour. Check your inbox (and spam ` +
        'folder) for the code, or try again later.',
      retryAfterSeconds,
    );
  }
  return { giveBack: () => deps.accountEmails.giveBack(email, window) };
}
