const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lets sends start one at a time, each at least `intervalMs` after the previous one started, the first one
 * interval after the pacer was made: a pacer made at the start of each invocation keeps the invocation, and the
 * one after it, under 1000 / intervalMs sends a second, however many of its sends wait at once. A send's turn
 * is reckoned from when the previous send really started, so a stalled process never lets several go at once.
 *
 *   made ── interval ──► send 1 ── interval ──► send 2 ── …   (a hold-off after throttling pushes the next back)
 *
 * @example const pacer = new SendPacer(2_000); if (await pacer.take(deadline)) await ses.send(…);
 */
export class SendPacer {
  private lastStart: number;
  private heldUntil = 0;
  private waiting = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly intervalMs: number) {
    this.lastStart = Date.now();
  }

  /** When the next send would start, after the ones already waiting (epoch ms). */
  nextSlot(): number {
    return this.turnOpens() + this.waiting * this.intervalMs;
  }

  private turnOpens(): number {
    return Math.max(this.lastStart + this.intervalMs, this.heldUntil, Date.now());
  }

  /**
   * Waits for this send's turn, after those already waiting; true when it may start now, false (at once, or when
   * the turn comes) if the turn opens after `latest`.
   */
  take(latest: number): Promise<boolean> {
    this.waiting += 1;
    const turn = this.queue.then(async () => {
      this.waiting -= 1;
      for (;;) {
        const opens = this.turnOpens();
        if (opens > latest) return false;
        if (opens <= Date.now()) break;
        // Then looks again: a hold-off may have come meanwhile.
        await sleep(opens - Date.now());
      }
      this.lastStart = Date.now();
      return true;
    });
    this.queue = turn;
    return turn;
  }

  /** Starts no send for `ms` from now (after SES throttled: every send of the invocation backs off). */
  holdOff(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, Date.now() + ms);
  }
}
