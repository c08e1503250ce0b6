// Waits for scanner events in integration tests: each call takes the next event of that kind,
// whether it came before or after the call. A generous timeout only turns a hang into a failure.
import type { Scanner, ScannerEvents } from '../../../../drivers/scanner/types';

type Source = Pick<Scanner, 'on'>;

export class EventQueue<E extends keyof ScannerEvents> {
  private readonly items: ScannerEvents[E][] = [];
  private readonly waiters: ((v: ScannerEvents[E]) => void)[] = [];

  constructor(source: Source, event: E) {
    source.on(event, (v) => {
      const w = this.waiters.shift();
      if (w) w(v);
      else this.items.push(v);
    });
  }

  next(timeoutMs = 10_000, what = 'event'): Promise<ScannerEvents[E]> {
    const ready = this.items.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((v) => {
        clearTimeout(timer);
        resolve(v);
      });
    });
  }

  /** events received and not yet taken */
  get pending(): number {
    return this.items.length;
  }
}
