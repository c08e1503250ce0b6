/**
 * The durable print queue (migration 0004): jobs in the order they were written, each with its
 * state. `queued` waits for the printer, `printing` has been handed to it (a job still `printing`
 * at start was interrupted: it may or may not be on paper), `printed` is done, `failed` is kept with
 * the printer's reason until it prints on recovery or someone discards it.
 */
import type { Json } from '../json';
import { RecordNotFound } from '../errors';
import { isoAt, statements } from './context';
import type { RepoContext } from './context';

export const PRINT_JOB_KINDS = ['final', 'pending', 'duplicate', 'report', 'test', 'drawer'] as const;
export type PrintJobKind = (typeof PRINT_JOB_KINDS)[number];
export const PRINT_JOB_STATES = ['queued', 'printing', 'printed', 'failed', 'discarded'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

export interface PrintJobRecord {
  id: string;
  sessionId: string | null;
  kind: PrintJobKind;
  title: string;
  source: Json;
  createdAt: string;
  attempts: number;
  state: PrintJobState;
  lastFailure: { reason: string; messageKey: string; at: string } | null;
  printedAt: string | null;
}

export interface NewPrintJob {
  id?: string;
  sessionId: string | null;
  kind: PrintJobKind;
  title: string;
  source: Json;
}

interface Row {
  id: string;
  session_id: string | null;
  kind: PrintJobKind;
  title: string;
  source: string;
  created_at: string;
  attempts: number;
  state: PrintJobState;
  last_failure_reason: string | null;
  last_failure_key: string | null;
  last_failure_at: string | null;
  printed_at: string | null;
}

const toRecord = (r: Row): PrintJobRecord => ({
  id: r.id,
  sessionId: r.session_id,
  kind: r.kind,
  title: r.title,
  source: JSON.parse(r.source) as Json,
  createdAt: r.created_at,
  attempts: r.attempts,
  state: r.state,
  lastFailure:
    r.last_failure_reason !== null
      ? { reason: r.last_failure_reason, messageKey: r.last_failure_key ?? '', at: r.last_failure_at ?? r.created_at }
      : null,
  printedAt: r.printed_at,
});

export function printJobRepository(ctx: RepoContext) {
  const q = statements(ctx.db, {
    insert: `INSERT INTO print_job (id, session_id, kind, title, source, created_at, state)
             VALUES (@id, @sessionId, @kind, @title, @source, @now, 'queued')`,
    get: 'SELECT * FROM print_job WHERE id = ?',
    open: `SELECT * FROM print_job WHERE state IN ('queued', 'printing', 'failed') ORDER BY rowid`,
    recent: 'SELECT * FROM print_job ORDER BY rowid DESC LIMIT ?',
    bySession: 'SELECT * FROM print_job WHERE session_id = ? ORDER BY rowid',
    original: `SELECT * FROM print_job WHERE session_id = ? AND kind = ? AND state <> 'discarded'`,
    printing: `UPDATE print_job SET state = 'printing', attempts = attempts + 1 WHERE id = ? AND state IN ('queued', 'failed')`,
    printed: `UPDATE print_job SET state = 'printed', printed_at = @now WHERE id = @id AND state = 'printing'`,
    failed: `UPDATE print_job SET state = 'failed', last_failure_reason = @reason, last_failure_key = @key, last_failure_at = @now
             WHERE id = @id AND state = 'printing'`,
    discard: `UPDATE print_job SET state = 'discarded' WHERE id = ? AND state IN ('queued', 'failed')`,
    interrupted: `SELECT * FROM print_job WHERE state = 'printing' ORDER BY rowid`,
    requeue: `UPDATE print_job SET state = 'queued', source = @source WHERE id = @id AND state = 'printing'`,
  });
  const get = (id: string): PrintJobRecord | undefined => {
    const row = q.get.get(id) as Row | undefined;
    return row ? toRecord(row) : undefined;
  };
  const must = (id: string): PrintJobRecord => {
    const job = get(id);
    if (!job) throw new RecordNotFound('print_job', id);
    return job;
  };

  return {
    /** Writes a job in state `queued`; call it inside the transaction that makes the job due. */
    insert(job: NewPrintJob): PrintJobRecord {
      const id = job.id ?? ctx.newId();
      q.insert.run({
        id,
        sessionId: job.sessionId,
        kind: job.kind,
        title: job.title,
        source: JSON.stringify(job.source),
        now: isoAt(ctx.now()),
      });
      return must(id);
    },
    get,
    /** Jobs still to print (queued, printing, failed), oldest first. */
    open(): PrintJobRecord[] {
      return (q.open.all() as Row[]).map(toRecord);
    },
    recent(limit: number): PrintJobRecord[] {
      return (q.recent.all(limit) as Row[]).map(toRecord);
    },
    bySession(sessionId: string): PrintJobRecord[] {
      return (q.bySession.all(sessionId) as Row[]).map(toRecord);
    },
    /** The session's one job of an original kind (final, pending, drawer), unless discarded. */
    original(sessionId: string, kind: 'final' | 'pending' | 'drawer'): PrintJobRecord | undefined {
      const row = q.original.get(sessionId, kind) as Row | undefined;
      return row ? toRecord(row) : undefined;
    },
    /** Before the bytes leave: counts the attempt. False when the job is not waiting (discarded, printed). */
    markPrinting(id: string): boolean {
      return q.printing.run(id).changes > 0;
    },
    markPrinted(id: string): boolean {
      return q.printed.run({ id, now: isoAt(ctx.now()) }).changes > 0;
    },
    markFailed(id: string, reason: string, messageKey: string): boolean {
      return q.failed.run({ id, reason, key: messageKey, now: isoAt(ctx.now()) }).changes > 0;
    },
    discard(id: string): boolean {
      return q.discard.run(id).changes > 0;
    },
    /** Jobs a crash left `printing`: maybe on paper, maybe not. */
    interrupted(): PrintJobRecord[] {
      return (q.interrupted.all() as Row[]).map(toRecord);
    },
    /** An interrupted job goes back to the queue with a new source (marked as a copy). */
    requeue(id: string, source: Json): boolean {
      return q.requeue.run({ id, source: JSON.stringify(source) }).changes > 0;
    },
  };
}

export type PrintJobRepository = ReturnType<typeof printJobRepository>;
