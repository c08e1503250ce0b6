/**
 * Simulated time = real time + offset. Token expiry, fault windows and log times all read this
 * clock, so a test can jump 30 minutes ahead (`advance`) instead of waiting.
 */
export class SimClock {
  constructor(
    private offset = 0,
    private readonly realNow: () => number = Date.now,
  ) {}

  now(): number {
    return this.realNow() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  advance(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`advance needs a non-negative integer of ms, got ${ms}`);
    this.offset += ms;
  }

  reset(offset = 0): void {
    this.offset = offset;
  }
}
