/**
 * Bytes that arrived from a printer and wait to be read. Streams (serial, TCP) push whatever comes,
 * whenever it comes; `read(n, timeoutMs)` hands out exactly n bytes or fails. One reader at a time:
 * the printer conversation is strictly question and answer.
 */
import { TransportClosed, TransportReadTimeout } from '../errors';

interface Waiter {
  n: number;
  resolve(bytes: Uint8Array): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export class Inbox {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private waiter: Waiter | undefined;
  private failure: Error | undefined;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    this.serve();
  }

  /** The line is gone: the pending read and every later one fail with `err`. */
  fail(err: Error): void {
    this.failure ??= err;
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      clearTimeout(w.timer);
      w.reject(this.failure);
    }
  }

  read(n: number, timeoutMs: number): Promise<Uint8Array> {
    if (this.waiter) return Promise.reject(new TransportClosed('a read is already pending on this printer'));
    if (this.size >= n) return Promise.resolve(this.take(n));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.waiter = undefined;
          reject(new TransportReadTimeout(n, this.size, timeoutMs));
        },
        Math.max(0, timeoutMs),
      );
      this.waiter = { n, resolve, reject, timer };
    });
  }

  private serve(): void {
    const w = this.waiter;
    if (!w || this.size < w.n) return;
    this.waiter = undefined;
    clearTimeout(w.timer);
    w.resolve(this.take(w.n));
  }

  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const head = this.chunks[0]!;
      const part = Math.min(n - at, head.length);
      out.set(head.subarray(0, part), at);
      at += part;
      if (part === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(part);
    }
    this.size -= n;
    return out;
  }
}
