/**
 * The log file and its rotation, written synchronously so a line is on disk (or known lost) when the
 * call returns: `<dir>/sportello.log`, moved to `sportello.log.1` (… `.N-1`) when the next line would
 * take it past `maxBytes`, the oldest dropped. Any failure (an unwritable directory, a full disk) turns
 * the file off: the reason is kept for the diagnostics bundle, one line says so on stderr, warnings and
 * errors go to stderr meanwhile, and the file is tried again after `retryMs`. Never throws.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_FILE = 'sportello.log';

export interface RotationOptions {
  dir: string;
  /** Size past which the file is rotated (default 1 MB). */
  maxBytes?: number;
  /** Files kept, the current one included (default 5). */
  files?: number;
  /** How long the file stays off after a failure before it is tried again (default 60 s). */
  retryMs?: number;
  /** Where lines go while the file is off (default process.stderr). */
  fallback?: (line: string) => void;
  now?: () => number;
}

export class RotatingFile {
  readonly dir: string;
  readonly maxBytes: number;
  readonly files: number;
  private fd: number | null = null;
  private size = 0;
  private failure: { reason: string; retryAtMs: number } | null = null;
  private told = false;
  private readonly retryMs: number;
  private readonly fallback: (line: string) => void;
  private readonly now: () => number;

  constructor(o: RotationOptions) {
    this.dir = o.dir;
    this.maxBytes = o.maxBytes ?? 1_048_576;
    this.files = Math.max(1, o.files ?? 5);
    this.retryMs = o.retryMs ?? 60_000;
    this.fallback = o.fallback ?? ((line) => void process.stderr.write(line));
    this.now = o.now ?? Date.now;
  }

  get path(): string {
    return join(this.dir, LOG_FILE);
  }

  /** Why the file is not being written, or null while it is. */
  unavailable(): string | null {
    return this.failure?.reason ?? null;
  }

  /** One serialized line (with its newline); pino calls this as its destination. */
  write(line: string): boolean {
    if (this.failure && this.now() < this.failure.retryAtMs) {
      if (/"level":"(warn|error|fatal)"/.test(line)) this.fallback(line);
      return true;
    }
    try {
      const bytes = Buffer.byteLength(line);
      if (this.fd === null) this.open();
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      writeSync(this.fd!, line);
      this.size += bytes;
      this.failure = null;
    } catch (e) {
      this.fail(e, line);
    }
    return true;
  }

  close(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // closing a file that failed changes nothing
      }
      this.fd = null;
    }
  }

  private open(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.fd = openSync(this.path, 'a', 0o600);
    this.size = statSync(this.path).size;
  }

  private rotate(): void {
    this.close();
    rmSync(`${this.path}.${this.files - 1}`, { force: true });
    for (let i = this.files - 2; i >= 1; i--) {
      try {
        renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    if (this.files > 1) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.open();
  }

  private fail(e: unknown, line: string): void {
    this.close();
    const err = e as NodeJS.ErrnoException;
    const message = err.message ?? String(e);
    const reason = err.code && !message.startsWith(err.code) ? `${err.code}: ${message}` : message;
    this.failure = { reason, retryAtMs: this.now() + this.retryMs };
    if (!this.told) {
      // Once per run: a full disk must not become a flood on stderr too.
      this.told = true;
      this.fallback(`${JSON.stringify({ level: 'error', event: 'log-file-unavailable', path: this.path, reason })}\n`);
    }
    if (/"level":"(warn|error|fatal)"/.test(line)) this.fallback(line);
  }
}
