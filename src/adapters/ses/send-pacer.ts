/**
 * Hands out send slots at most one per `intervalMs`, the first one interval after it was made: a pacer made at
 * the start of each invocation keeps the invocation, and the one after it, under 1000 / intervalMs sends a second,
 * however many of its sends wait at once.
 *
 *   made ── interval ──► slot 1 ── interval ──► slot 2 ── …   (a throttled send pushes every later slot back)
 *
 * @example const pacer = new SendPacer(2_000); if (await pacer.take(deadline)) await ses.send(…);
 */
export class SendPacer {
  private next: number;
  /** Hold-offs so far: a send whose slot was handed out before a hold-off waits for a new slot after it. */
  private holds = 0;

  constructor(readonly intervalMs: number) {
    this.next = Date.now() + intervalMs;
  }

  /** When the next slot opens (epoch ms); every slot taken before it is earlier. */
  nextSlot(): number {
    return Math.max(this.next, Date.now());
  }

  /**
   * Takes the next slot if it opens by `latest` and waits for it (and for a later one if a hold-off came while it
   * waited); false if the slot opens after `latest`.
   */
  async take(latest: number): Promise<boolean> {
    for (;;) {
      const slot = this.nextSlot();
      if (slot > latest) return false;
      this.next = slot + this.intervalMs;
      const holds = this.holds;
      const wait = slot - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (this.holds === holds) return true;
    }
  }

  /** Opens no slot for `ms` from now (after SES throttled: every send of the invocation backs off). */
  holdOff(ms: number): void {
    this.holds += 1;
    this.next = Math.max(this.next, Date.now() + ms);
  }
}
