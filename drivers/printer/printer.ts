/**
 * One configured printer: asks its status, sends a job, asks again, and turns every way that can
 * fail into PrinterUnavailable with a reason the operator can act on. A job is: open the transport,
 * DLE EOT before (nothing is sent to a printer with the cover open or no paper), the bytes, DLE EOT
 * after (paper that ran out during the job), close; all of it within jobTimeoutMs.
 */
import { existsSync } from 'node:fs';
import type { PrintDocument } from './document';
import { PrinterUnavailable, TransportClosed, TransportReadTimeout, type PrintWarning, type UnavailableReason } from './errors';
import type { PrinterProfile } from './profile';
import { renderEscPos } from './render-escpos';
import { queryStatus, statusProblem, type StatusReport } from './status';
import { formatTarget, type PrinterTarget } from './target';
import { openTransport, type PrinterTransport, type TransportOpener } from './transport';

export const DEFAULT_JOB_TIMEOUT_MS = 30_000;
export const DEFAULT_STATUS_TIMEOUT_MS = 1_000;

/** reasons that say more than "timeout" or "I/O failed" when found right after such a failure */
const TELLING_REASONS: ReadonlySet<UnavailableReason> = new Set([
  'offline',
  'paper-end',
  'cover-open',
  'printer-error',
  'unplugged',
  'unreachable',
]);

export interface PrinterOptions {
  readonly target: PrinterTarget;
  readonly profile: PrinterProfile;
  /** the whole job: open, status, write, status */
  readonly jobTimeoutMs?: number;
  /** per DLE EOT answer; a printer silent for this long counts as offline */
  readonly statusTimeoutMs?: number;
  /** for tests and for transports added by the caller */
  readonly open?: TransportOpener;
}

export interface PrintResult {
  /** status read after the job ('unknown' on transports that cannot read) */
  readonly status: StatusReport;
  readonly warnings: readonly PrintWarning[];
}

export class Printer {
  readonly target: PrinterTarget;
  readonly profile: PrinterProfile;
  private readonly jobTimeoutMs: number;
  private readonly statusTimeoutMs: number;
  private readonly opener: TransportOpener;

  constructor(opts: PrinterOptions) {
    this.target = opts.target;
    this.profile = opts.profile;
    this.jobTimeoutMs = opts.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    this.statusTimeoutMs = opts.statusTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
    this.opener = opts.open ?? openTransport;
  }

  /** The current status, for the technician screen and before a session starts. */
  async status(): Promise<StatusReport> {
    return this.session(this.jobTimeoutMs, async (t) => this.ask(t));
  }

  /** Renders and prints a document (PrintDocumentInvalid before any I/O if it cannot be encoded). */
  async print(document: PrintDocument): Promise<PrintResult> {
    return this.printBytes(renderEscPos(document, this.profile));
  }

  async printBytes(bytes: Uint8Array): Promise<PrintResult> {
    try {
      return await this.session(this.jobTimeoutMs, async (t) => {
        const before = await this.ask(t);
        this.refuse(before, 'before');
        await t.write(bytes);
        const after = await this.ask(t);
        this.refuse(after, 'after');
        const warnings: PrintWarning[] = [before, after].some((s) => s !== 'unknown' && s.paperNearEnd) ? ['paper-near-end'] : [];
        return { status: after, warnings };
      });
    } catch (err) {
      throw await this.diagnose(err as PrinterUnavailable);
    }
  }

  /**
   * After a timeout or an I/O error, asks the status once more on a fresh connection: "paper end"
   * tells the operator what to do, "timeout" does not. Keeps the first error if that says nothing new.
   */
  private async diagnose(err: PrinterUnavailable): Promise<PrinterUnavailable> {
    if (!this.profile.statusQuery || (err.reason !== 'timeout' && err.reason !== 'transport-error')) return err;
    try {
      const bound = Math.min(this.jobTimeoutMs, 4 * this.statusTimeoutMs + 1_000);
      this.refuse(await this.session(bound, async (t) => this.ask(t)), 'after');
    } catch (second) {
      if (second instanceof PrinterUnavailable && TELLING_REASONS.has(second.reason)) {
        return new PrinterUnavailable(second.reason, second.message, {
          details: { ...second.details, firstFailure: err.reason },
          cause: err,
        });
      }
    }
    return err;
  }

  private async ask(t: PrinterTransport): Promise<StatusReport> {
    return this.profile.statusQuery ? queryStatus(t, this.statusTimeoutMs) : 'unknown';
  }

  /** Opens a transport, runs `work` under the job deadline, closes, and types every failure. */
  private async session<T>(timeoutMs: number, work: (t: PrinterTransport) => Promise<T>): Promise<T> {
    let transport: PrinterTransport | undefined;
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const job = (async () => {
      const t = await this.opener(this.target);
      transport = t;
      if (timedOut) {
        // the deadline passed while opening: nobody will close this one otherwise
        await t.close().catch(() => undefined);
        throw new Error('job already timed out');
      }
      return work(t);
    })();
    job.catch(() => undefined); // after a timeout the job's own failure is no longer news
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new PrinterUnavailable('timeout', `print job not done within ${timeoutMs} ms`, { details: this.details({ timeoutMs }) }));
      }, timeoutMs);
    });
    try {
      return await Promise.race([job, deadline]);
    } catch (err) {
      throw this.classify(err);
    } finally {
      clearTimeout(timer);
      // closing also aborts a write or read still pending after a timeout
      await (transport as PrinterTransport | undefined)?.close().catch(() => undefined);
    }
  }

  private refuse(status: StatusReport, when: 'before' | 'after'): void {
    const reason = statusProblem(status);
    if (!reason || status === 'unknown') return;
    const raw = status.raw.map((b) => `0x${b.toString(16).padStart(2, '0')}`);
    throw new PrinterUnavailable(reason, `printer reports ${reason} ${when} the job`, {
      details: this.details({ when, status: { ...status, raw } }),
    });
  }

  private classify(err: unknown): PrinterUnavailable {
    if (err instanceof PrinterUnavailable) return err;
    const code = errorCode(err);
    const cause = { code: code || undefined, error: err instanceof Error ? err.message : String(err) };
    const fail = (reason: UnavailableReason, message: string, extra: Record<string, unknown> = {}): PrinterUnavailable =>
      new PrinterUnavailable(reason, message, { details: this.details({ ...cause, ...extra }), cause: err });

    const device = this.target.kind === 'serial' || this.target.kind === 'usb';
    if (device && !existsSync(this.target.path)) return fail('unplugged', 'printer device is not connected');
    if (code === 'EACCES' || code === 'EPERM' || /permission denied/i.test(cause.error)) {
      return fail('permission-denied', 'no permission to open the printer device');
    }
    if (err instanceof TransportReadTimeout)
      return fail('offline', 'printer does not answer status requests', { statusTimeoutMs: this.statusTimeoutMs });
    if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) {
      return fail('unreachable', 'network printer not reachable');
    }
    if (device && (err instanceof TransportClosed || ['ENOENT', 'ENODEV', 'ENXIO', 'EIO'].includes(code))) {
      return fail('unplugged', 'printer line went away');
    }
    return fail('transport-error', 'printer I/O failed');
  }

  private details(extra: Record<string, unknown>): Record<string, unknown> {
    return { target: formatTarget(this.target), printer: this.profile.name, ...extra };
  }
}

/** errno-style code of an error, or of the error it wraps */
function errorCode(err: unknown): string {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    if (typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
      const code = (e as { code: string }).code;
      if (/^E[A-Z]+$/.test(code) || code.startsWith('EAI_')) return code;
    }
    e = typeof e === 'object' && e !== null && 'cause' in e ? (e as { cause: unknown }).cause : undefined;
  }
  return '';
}
