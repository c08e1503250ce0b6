/**
 * The print spooler: jobs go through one at a time; a job the printer cannot take stays queued
 * with the reason, the operator is told (PrinterUnavailable.messageKey) and reprints on demand.
 * A job is stored before its first attempt and removed only once printed, so nothing is lost to
 * an unplugged printer or a restart in between (a restart right after printing may print it twice:
 * a second copy of a certificate is harmless, a missing one is not).
 */
import { randomUUID } from 'node:crypto';
import type { PrintDocument } from './document';
import { PrinterUnavailable, PrintJobUnknown, type PrintWarning } from './errors';
import { MemoryJobStore, type PrintJobStore, type QueuedJob } from './job-store';
import type { PrintResult } from './printer';

/** What the queue needs from a printer (Printer implements it). */
export interface DocumentPrinter {
  print(document: PrintDocument): Promise<PrintResult>;
}

export type JobOutcome =
  | { readonly status: 'printed'; readonly jobId: string; readonly warnings: readonly PrintWarning[] }
  | { readonly status: 'queued'; readonly jobId: string; readonly error: PrinterUnavailable };

export interface PrintQueueOptions {
  readonly printer: DocumentPrinter;
  readonly store?: PrintJobStore;
  readonly clock?: () => Date;
  readonly newId?: () => string;
}

export class PrintQueue {
  private readonly printer: DocumentPrinter;
  private readonly store: PrintJobStore;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(opts: PrintQueueOptions) {
    this.printer = opts.printer;
    this.store = opts.store ?? new MemoryJobStore();
    this.clock = opts.clock ?? (() => new Date());
    this.newId = opts.newId ?? randomUUID;
  }

  /** Queues a document and tries to print it now. PrintDocumentInvalid is thrown, not queued. */
  submit(document: PrintDocument, title: string): Promise<JobOutcome> {
    return this.serial(async () => {
      const job: QueuedJob = { id: this.newId(), title, document, createdAt: this.clock().toISOString(), attempts: 0 };
      this.store.save([...this.store.load(), job]);
      return this.attempt(job);
    });
  }

  /** Jobs waiting for a reprint, oldest first. */
  pending(): QueuedJob[] {
    return this.store.load();
  }

  /** Tries one queued job again. */
  reprint(id: string): Promise<JobOutcome> {
    return this.serial(async () => this.attempt(this.find(id)));
  }

  /** Tries every queued job, oldest first, stopping at the first one the printer refuses. */
  reprintAll(): Promise<JobOutcome[]> {
    return this.serial(async () => {
      const outcomes: JobOutcome[] = [];
      for (const job of this.store.load()) {
        const outcome = await this.attempt(job);
        outcomes.push(outcome);
        if (outcome.status === 'queued') break;
      }
      return outcomes;
    });
  }

  /** The operator gives up on a job (printed elsewhere, no longer wanted). */
  discard(id: string): Promise<void> {
    return this.serial(async () => {
      this.find(id);
      this.remove(id);
    });
  }

  private async attempt(job: QueuedJob): Promise<JobOutcome> {
    try {
      const result = await this.printer.print(job.document);
      this.remove(job.id);
      return { status: 'printed', jobId: job.id, warnings: result.warnings };
    } catch (err) {
      if (!(err instanceof PrinterUnavailable)) {
        // not the printer's fault: the document cannot be printed anywhere, retrying will not help
        this.remove(job.id);
        throw err;
      }
      this.replace({
        ...job,
        attempts: job.attempts + 1,
        lastFailure: { reason: err.reason, messageKey: err.messageKey, at: this.clock().toISOString() },
      });
      return { status: 'queued', jobId: job.id, error: err };
    }
  }

  private find(id: string): QueuedJob {
    const job = this.store.load().find((j) => j.id === id);
    if (!job) throw new PrintJobUnknown(id);
    return job;
  }

  private remove(id: string): void {
    this.store.save(this.store.load().filter((j) => j.id !== id));
  }

  private replace(job: QueuedJob): void {
    this.store.save(this.store.load().map((j) => (j.id === job.id ? job : j)));
  }

  /** one job at a time: a printer is one stream of bytes */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
