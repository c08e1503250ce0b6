/**
 * Where the print queue keeps jobs that still have to be printed. The queue writes a job before
 * the first attempt and removes it after success, so a job survives a failed attempt and, with
 * the file store, a restart. The engine may bring its own store (a SQLite table) through the
 * same interface.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SportelloError } from '../../kernel/errors';
import { documentSchema } from './document-schema';
import type { PrintDocument } from './document';
import { UNAVAILABLE_REASONS, type UnavailableReason } from './errors';

export interface QueuedJob {
  readonly id: string;
  /** what the operator sees in the list of jobs to reprint; no personal data */
  readonly title: string;
  readonly document: PrintDocument;
  /** ISO-8601 */
  readonly createdAt: string;
  readonly attempts: number;
  readonly lastFailure?: { readonly reason: UnavailableReason; readonly messageKey: string; readonly at: string };
}

export interface PrintJobStore {
  load(): QueuedJob[];
  save(jobs: readonly QueuedJob[]): void;
}

export class MemoryJobStore implements PrintJobStore {
  private jobs: QueuedJob[] = [];
  load(): QueuedJob[] {
    return [...this.jobs];
  }
  save(jobs: readonly QueuedJob[]): void {
    this.jobs = [...jobs];
  }
}

const jobSchema = z
  .object({
    id: z.string().min(1),
    title: z.string(),
    document: documentSchema,
    createdAt: z.string(),
    attempts: z.number().int().min(0),
    lastFailure: z.object({ reason: z.enum(UNAVAILABLE_REASONS), messageKey: z.string(), at: z.string() }).optional(),
  })
  .strict();
const fileSchema = z.object({ version: z.literal(1), jobs: z.array(jobSchema) }).strict();

export class JobStoreCorrupt extends SportelloError {
  declare readonly code: 'PRINT_QUEUE_CORRUPT';
  constructor(file: string, cause: unknown) {
    super('PRINT_QUEUE_CORRUPT', 'the stored print queue cannot be read', { details: { file }, cause });
  }
}

/** The queue as one JSON file in `dir`, replaced atomically (write aside, rename) on every change. */
export class JsonFileJobStore implements PrintJobStore {
  readonly file: string;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'print-queue.json');
  }

  load(): QueuedJob[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    try {
      return fileSchema.parse(JSON.parse(text)).jobs;
    } catch (err) {
      throw new JobStoreCorrupt(this.file, err);
    }
  }

  save(jobs: readonly QueuedJob[]): void {
    const aside = `${this.file}.${process.pid}.tmp`;
    writeFileSync(aside, JSON.stringify({ version: 1, jobs }, null, 1), { mode: 0o600 });
    renameSync(aside, this.file);
  }
}
