// Preloaded (`node --require`) by `npm run test:model -- --at <ISO time>`: moves this process's wall clock
// (Date, Date.now) by SHIFTED_CLOCK_OFFSET_MS, so a sequence runs as it ran at another time of day. The model's
// sequences place slots at local hours relative to today, so what a seed does depends on when it runs.
// performance.now and timers are untouched; DynamoDB Local (Java) keeps the real clock (only TTL reads it).
const offset = Number(process.env.SHIFTED_CLOCK_OFFSET_MS || 0);
if (offset) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
