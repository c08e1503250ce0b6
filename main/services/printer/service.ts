/**
 * The core's printing: one durable queue in SQLite (db print_job) in front of the one configured
 * receipt printer. Every paper the terminal prints on that printer goes through it: a job is written
 * before its first attempt, marked `printing` before the bytes leave, `printed` after the printer
 * took them, or kept (`failed`) with the printer's reason. Kept jobs print in order when the printer
 * recovers (its status is polled while idle), or on request; a job a crash left `printing` is
 * printed again marked as a duplicate, never as a second original.
 *
 * Started with the API for the shells and `serve` (`start()`): it then prints the engine's
 * `print-certificate` (the original of the final certificate, unless the customer already took the
 * pending slip: they are gone, the final is asked for later), kicks the cash drawer once per counter
 * session tendered in cash, and pushes the printer's status. Without `start()` (a one-shot CLI) the
 * queue still serves certificate.print and the test page, and nothing prints on its own.
 * On a kiosk terminal a session's paper that failed (or a crash interrupted) is not printed on
 * recovery: the citizen has left, and it would go to the next one; the technician reprints or
 * discards it.
 */
import type { SessionState } from '../../engine';
import type { Core } from '../../core/core';
import type { Json } from '../../../db/json';
import type { PrintJobKind, PrintJobRecord } from '../../../db';
import { certificateDocument, certificateText } from '../../../drivers/certificate/index';
import type { CertificateModel, Language } from '../../../drivers/certificate/index';
import {
  doc,
  drawer,
  documentSchema,
  formatTarget,
  Printer,
  PrinterUnavailable,
  printerText,
  printTestPage,
  renderEscPos,
  statusProblem,
  type PrintDocument,
  type PrintWarning,
} from '../../../drivers/printer/index';
import { SportelloError } from '../../../kernel/errors';
import { certificateModel } from '../certificate';
import { choiceProfile, configuredPrinter } from './setting';
import { duplicatesKey } from './copies';

/** The reason a job is kept with when its document cannot be encoded: retrying will not help. */
const UNPRINTABLE = 'unprintable';

/** How often the printer's status is asked while nothing prints. */
export const PRINTER_POLL_MS = 5_000;
/** A cash tender older than this when the service first sees it (a restart, a late outcome) opens no drawer. */
const DRAWER_FRESH_MS = 120_000;

export interface PrintTimeouts {
  jobTimeoutMs?: number;
  statusTimeoutMs?: number;
}

/** What renders a job's document again at each attempt. */
export type JobSource =
  | { type: 'certificate'; sessionId: string; locale: Language; duplicate: boolean; by?: string }
  | { type: 'document'; document: PrintDocument }
  | { type: 'drawer' };

export interface PrinterStatusView {
  state: 'none' | 'ready' | 'unknown' | 'problem';
  target: string | null;
  model: string;
  reason: string | null;
  messageKey: string | null;
  paperNearEnd: boolean;
  drawerOpen: boolean | null;
  jobs: JobView[];
  checkedAt: string | null;
}

export type JobView = Omit<PrintJobRecord, 'source'>;

export interface AttemptResult {
  job: PrintJobRecord;
  warnings: PrintWarning[];
  bytes: number;
  /** the printer refused it: the job is kept with this reason */
  error: PrinterUnavailable | null;
}

export class PrintJobNotFound extends SportelloError {
  declare readonly code: 'PRINT_JOB_UNKNOWN';
  constructor(id: string) {
    super('PRINT_JOB_UNKNOWN', `no print job ${JSON.stringify(id.slice(0, 64))}`, { details: { jobId: id.slice(0, 64) } });
  }
}

export class PrintJobFinished extends SportelloError {
  declare readonly code: 'PRINT_JOB_FINISHED';
  constructor(id: string, state: string) {
    super('PRINT_JOB_FINISHED', `print job ${id} is already ${state}`, { details: { jobId: id, state } });
  }
}

const view = ({ source: _source, ...rest }: PrintJobRecord): JobView => rest;

export interface PrintServiceOptions {
  timeouts?: PrintTimeouts;
  pollMs?: number;
  /** every change of status or of the jobs still to print */
  onStatus?: (status: PrinterStatusView) => void;
}

export class PrintService {
  private tail: Promise<unknown> = Promise.resolve();
  private held: { key: string; printer: Printer } | null = null;
  private polling: NodeJS.Timeout | null = null;
  private started = false;
  private busy = 0;
  private stopped = false;
  private last: Omit<PrinterStatusView, 'jobs'> = {
    state: 'none',
    target: null,
    model: 'generic',
    reason: null,
    messageKey: null,
    paperNearEnd: false,
    drawerOpen: null,
    checkedAt: null,
  };
  private lastSent = '';
  private readonly onEffect = (sessionId: string) => this.certificateDue(sessionId);
  private readonly onSession = (s: SessionState) => this.drawerDue(s);

  constructor(
    private readonly core: Core,
    private readonly opts: PrintServiceOptions = {},
  ) {}

  /** Recovers jobs a crash interrupted, listens to the engine, polls the printer, prints what waits. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.recoverInterrupted();
    this.core.engine.on('print-certificate', this.onEffect);
    this.core.engine.on('session', this.onSession);
    const every = this.opts.pollMs ?? PRINTER_POLL_MS;
    this.polling = setInterval(() => void this.poll(), every);
    this.polling.unref();
    void this.poll();
  }

  /** Stops listening and polling; resolves when the job in hand is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.polling) clearInterval(this.polling);
    this.polling = null;
    if (this.started) {
      this.core.engine.off('print-certificate', this.onEffect);
      this.core.engine.off('session', this.onSession);
    }
    await this.tail.catch(() => undefined);
  }

  // ---- what the contract calls ----

  status(): PrinterStatusView {
    const p = configuredPrinter(this.core.db, this.core.dataDir);
    const base = p ? this.last : { ...this.last, state: 'none' as const, target: null, reason: null, messageKey: null };
    return { ...base, model: p?.choice.model ?? 'generic', target: p ? p.choice.target : null, jobs: this.openJobs() };
  }

  jobs(limit = 50): JobView[] {
    return this.core.db.printJobs.recent(limit).map(view);
  }

  /** Writes a job (kind and source) and prints it now, after whatever is ahead of it. */
  async submit(job: { sessionId: string | null; kind: PrintJobKind; title: string; source: JobSource }): Promise<AttemptResult> {
    const record = this.core.db.transaction(() => {
      const r = this.core.db.printJobs.insert({ ...job, source: job.source as unknown as Json });
      this.core.db.journal.append('print-job-queued', { jobId: r.id, kind: r.kind }, job.sessionId);
      return r;
    });
    this.publish();
    return this.serial(() => this.attempt(record.id));
  }

  /** Tries a kept or queued job now. */
  retry(id: string): Promise<AttemptResult> {
    const job = this.must(id);
    if (job.state === 'printed' || job.state === 'discarded') throw new PrintJobFinished(id, job.state);
    return this.serial(() => this.attempt(id));
  }

  /** Waits for a job queued or printing now, then tells its state (the screens' second ask for an original). */
  async settle(id: string): Promise<PrintJobRecord> {
    await this.serial(async () => undefined);
    return this.must(id);
  }

  discard(id: string, by: string): JobView {
    const job = this.must(id);
    const done = this.core.db.transaction(() => {
      if (!this.core.db.printJobs.discard(id)) return false;
      this.core.db.journal.append('print-job-discarded', { jobId: id, kind: job.kind, by }, job.sessionId);
      return true;
    });
    if (!done) throw new PrintJobFinished(id, job.state);
    this.publish();
    return view(this.must(id));
  }

  /** The test page of the chosen model, through the queue. */
  testPage(): Promise<AttemptResult> {
    const p = this.requireConfigured();
    const t = printerText(this.core.config.terminal.locale);
    return this.submit({
      sessionId: null,
      kind: 'test',
      title: t('testPage.title'),
      source: { type: 'document', document: printTestPage(choiceProfile(p.choice), t) },
    });
  }

  /** The technician changed the printer or its model: tell the screens at once. */
  changed(): void {
    this.publish();
    if (this.started) void this.poll();
  }

  // ---- the engine's effects ----

  /**
   * The engine finished a paid session: its final certificate's original goes in the queue, unless
   * a pending slip was already handed out (the customer left with it: the final is printed when they
   * ask for it, from the history) or an original was already asked for.
   */
  certificateDue(sessionId: string): void {
    try {
      if (!configuredPrinter(this.core.db, this.core.dataDir)) return;
      const jobs = this.core.db.printJobs;
      if (jobs.original(sessionId, 'final')) return;
      if (jobs.original(sessionId, 'pending')) {
        this.core.db.journal.append('certificate-held', { reason: 'pending-slip-given' }, sessionId);
        return;
      }
      const m = this.modelOf(sessionId, false);
      if (m.kind !== 'final' || m.duplicate) return;
      this.enqueueOriginal(sessionId, m, { drain: true });
    } catch (e) {
      this.core.log.warn('print-enqueue-failed', { sessionId, code: e instanceof SportelloError ? e.code : 'INTERNAL' });
    }
  }

  /** The original of a session's paper: written once (the unique index says so), then printed in turn. */
  enqueueOriginal(sessionId: string, m: CertificateModel, opts: { drain: boolean }): { job: PrintJobRecord; fresh: boolean } {
    const kind = m.kind;
    const existing = this.core.db.printJobs.original(sessionId, kind);
    if (existing) return { job: existing, fresh: false };
    const job = this.core.db.transaction(() => {
      const r = this.core.db.printJobs.insert({
        sessionId,
        kind,
        title: `${certificateTitle(m)} ${sessionId.slice(0, 8)}`,
        source: { type: 'certificate', sessionId, locale: m.locale, duplicate: false },
      });
      this.core.db.journal.append('print-job-queued', { jobId: r.id, kind }, sessionId);
      return r;
    });
    this.publish();
    if (opts.drain) void this.drain();
    return { job, fresh: true };
  }

  /** A counter session tendered in cash opens the drawer, once, when the tender is new. */
  drawerDue(s: SessionState): void {
    if (s.tender?.method !== 'cash') return;
    try {
      const p = configuredPrinter(this.core.db, this.core.dataDir);
      if (!p || choiceProfile(p.choice).hasDrawer === false) return;
      const db = this.core.db;
      if (db.printJobs.original(s.id, 'drawer')) return;
      if (db.sessions.get(s.id)?.kind !== 'counter') return;
      const tender = db.tenders.listBySession(s.id).find((t) => t.kind === 'payment' && t.method === 'cash');
      if (!tender || this.core.engine.now() - Date.parse(tender.createdAt) > DRAWER_FRESH_MS) return;
      db.transaction(() => {
        const r = db.printJobs.insert({ sessionId: s.id, kind: 'drawer', title: 'drawer', source: { type: 'drawer' } });
        db.journal.append('drawer-open-queued', { jobId: r.id }, s.id);
      });
      void this.drain();
    } catch (e) {
      this.core.log.warn('drawer-enqueue-failed', { sessionId: s.id, code: e instanceof SportelloError ? e.code : 'INTERNAL' });
    }
  }

  // ---- the queue ----

  /** Prints every job still to print, oldest first, stopping at the first the printer refuses. */
  drain(): Promise<void> {
    return this.serial(async () => {
      try {
        for (const job of this.core.db.printJobs.open()) {
          if (this.stopped) return;
          if (job.lastFailure?.reason === UNPRINTABLE) continue;
          // At a kiosk the citizen has gone by the time the printer recovers: their paper would go to
          // the next one. It stays kept for the technician (reprint or discard), never prints by itself.
          if (this.core.config.terminal.kind === 'kiosk' && job.sessionId !== null && job.attempts > 0) continue;
          const r = await this.attempt(job.id).catch(() => null);
          if (r?.error) return;
        }
      } catch (e) {
        // the database closing under the drain: the jobs are where they were, the next start prints them
        if (!this.stopped) this.core.log.warn('print-drain-failed', { code: codeOf(e) });
      }
    });
  }

  private async attempt(id: string): Promise<AttemptResult> {
    const db = this.core.db;
    const p = configuredPrinter(db, this.core.dataDir);
    if (!p) {
      // nowhere to print: the job waits (queued or kept) until a printer is chosen
      const err = new PrinterUnavailable('offline', 'no receipt printer is configured');
      return { job: this.must(id), warnings: [], bytes: 0, error: err };
    }
    const printer = this.printerFor(p);
    if (!db.printJobs.markPrinting(id)) return { job: this.must(id), warnings: [], bytes: 0, error: null };
    const job = this.must(id);
    this.busy++;
    this.publish();
    try {
      const bytes = renderEscPos(this.render(job), printer.profile);
      const result = await printer.printBytes(bytes);
      db.transaction(() => {
        db.printJobs.markPrinted(id);
        this.countCopy(job);
        db.journal.append('print-job-printed', { jobId: id, kind: job.kind, attempts: job.attempts }, job.sessionId);
      });
      const status = result.status;
      if (status !== 'unknown') this.noteStatus(status.paperNearEnd, status.drawerOpen ?? null, null);
      await this.certify(job);
      return { job: this.must(id), warnings: [...result.warnings], bytes: bytes.length, error: null };
    } catch (e) {
      if (!(e instanceof PrinterUnavailable)) {
        // not the printer's fault (a document that cannot be encoded): kept, skipped by the drain, said
        db.transaction(() => {
          db.printJobs.markFailed(id, UNPRINTABLE, `printer:jobs.${UNPRINTABLE}`);
          db.journal.append('print-job-kept', { jobId: id, kind: job.kind, reason: UNPRINTABLE, code: codeOf(e) }, job.sessionId);
        });
        this.core.log.warn('print-job-refused', { jobId: id, code: codeOf(e) });
        throw e;
      }
      db.transaction(() => {
        db.printJobs.markFailed(id, e.reason, e.messageKey);
        db.journal.append('print-job-kept', { jobId: id, kind: job.kind, reason: e.reason }, job.sessionId);
      });
      this.noteProblem(e);
      return { job: this.must(id), warnings: [], bytes: 0, error: e };
    } finally {
      this.busy--;
      this.publish();
    }
  }

  /** Duplicates on paper are counted per session (the first is anyone's, later ones a supervisor's). */
  private countCopy(job: PrintJobRecord): void {
    const src = job.source as unknown as JobSource;
    if (src.type !== 'certificate' || !src.duplicate || !job.sessionId) return;
    const key = duplicatesKey(job.sessionId);
    const copies = Number(this.core.db.settings.get(key) ?? 0) + 1;
    this.core.db.settings.set(key, copies);
    this.core.db.journal.append('certificate-duplicate-printed', { copy: copies, by: src.by ?? 'core' }, job.sessionId);
  }

  /** The final certificate on paper makes a completed session certified (an interrupted original reprinted as a copy too). */
  private async certify(job: PrintJobRecord): Promise<void> {
    if (job.kind !== 'final' || !job.sessionId) return;
    try {
      if (this.core.engine.get(job.sessionId).status === 'completed')
        await this.core.engine.apply(job.sessionId, { type: 'certificate-issued' });
    } catch (e) {
      this.core.log.warn('certify-failed', { sessionId: job.sessionId, code: codeOf(e) });
    }
  }

  /** Prints a job now if it still waits (queued or kept); a job printing meanwhile is waited for. */
  printNow(id: string): Promise<AttemptResult> {
    return this.serial(async () => {
      const job = this.must(id);
      if (job.state === 'queued' || job.state === 'failed') return this.attempt(id);
      return { job, warnings: [], bytes: 0, error: null };
    });
  }

  private render(job: PrintJobRecord): PrintDocument {
    const src = job.source as unknown as JobSource;
    switch (src.type) {
      case 'document':
        return documentSchema.parse(src.document) as PrintDocument;
      case 'drawer':
        return doc(drawer());
      case 'certificate': {
        let m = this.modelOf(src.sessionId, src.duplicate, src.locale);
        // a pending slip kept until the session completed now prints as the final: never a second original
        if (!m.duplicate && m.kind !== job.kind) m = this.modelOf(src.sessionId, true, src.locale);
        return certificateDocument(m);
      }
    }
  }

  private modelOf(sessionId: string, duplicate: boolean, locale?: Language): CertificateModel {
    return certificateModel(this.core, { sessionId, locale, reprint: duplicate });
  }

  /** Jobs a crash left `printing`: they may be on paper, so they print again marked as copies. */
  private recoverInterrupted(): void {
    const db = this.core.db;
    for (const job of db.printJobs.interrupted()) {
      const src = job.source as unknown as JobSource;
      db.transaction(() => {
        if (src.type === 'drawer') {
          // a drawer that may have opened is not opened again by a restart
          db.printJobs.requeue(job.id, job.source);
          db.printJobs.markPrinting(job.id);
          db.printJobs.markFailed(job.id, 'interrupted', 'printer:jobs.interrupted');
          db.printJobs.discard(job.id);
        } else {
          const source = src.type === 'certificate' ? { ...src, duplicate: true } : src;
          db.printJobs.requeue(job.id, source as unknown as Json);
        }
        db.journal.append('print-job-interrupted', { jobId: job.id, kind: job.kind }, job.sessionId);
      });
    }
  }

  /** While idle: asks the status; a printer that is fine (or cannot say) gets the waiting jobs. */
  private async poll(): Promise<void> {
    try {
      await this.pollOnce();
    } catch (e) {
      // the database closing under a last poll, or a printer fault not typed: the next poll tries again
      if (!this.stopped) this.core.log.warn('printer-poll-failed', { code: codeOf(e) });
    }
  }

  private async pollOnce(): Promise<void> {
    if (this.stopped || this.busy > 0) return;
    const p = configuredPrinter(this.core.db, this.core.dataDir);
    if (!p) return this.publish();
    const printer = this.printerFor(p);
    try {
      // in turn with the jobs: a printer is one line, and two conversations would mix their answers
      const s = await this.serial(() => printer.status());
      if (s === 'unknown') {
        this.last = { ...this.last, state: 'unknown', reason: null, messageKey: null, checkedAt: this.nowIso() };
      } else {
        const problem = statusProblem(s);
        if (problem) this.noteProblem(new PrinterUnavailable(problem, `printer reports ${problem}`));
        else this.noteStatus(s.paperNearEnd, s.drawerOpen ?? null, 'ready');
        this.last = { ...this.last, paperNearEnd: s.paperNearEnd, drawerOpen: s.drawerOpen ?? null };
      }
    } catch (e) {
      if (e instanceof PrinterUnavailable) this.noteProblem(e);
    }
    if (this.stopped) return;
    this.publish();
    if (this.last.state !== 'problem' && this.core.db.printJobs.open().length > 0) await this.drain();
  }

  private noteStatus(paperNearEnd: boolean, drawerOpen: boolean | null, state: 'ready' | null): void {
    this.last = {
      ...this.last,
      state: state ?? 'ready',
      reason: null,
      messageKey: null,
      paperNearEnd,
      drawerOpen,
      checkedAt: this.nowIso(),
    };
  }

  private noteProblem(err: PrinterUnavailable): void {
    this.last = { ...this.last, state: 'problem', reason: err.reason, messageKey: err.messageKey, checkedAt: this.nowIso() };
  }

  private publish(): void {
    if (!this.opts.onStatus) return;
    let status: PrinterStatusView;
    try {
      status = this.status();
    } catch {
      return; // the database is closing
    }
    const text = JSON.stringify(status);
    if (text === this.lastSent) return;
    this.lastSent = text;
    this.opts.onStatus(status);
  }

  private openJobs(): JobView[] {
    return this.core.db.printJobs
      .open()
      .filter((j) => j.kind !== 'drawer' || j.state !== 'failed')
      .map(view);
  }

  /** One Printer for the configured target, model and paper; a new one when the technician changes them. */
  private printerFor(p: NonNullable<ReturnType<typeof configuredPrinter>>): Printer {
    if (p.output.kind !== 'printer') throw new Error('configured printer is not a printer target');
    const key = JSON.stringify([formatTarget(p.output.target), p.choice.paper, p.choice.model]);
    if (this.held?.key !== key) {
      const t = this.opts.timeouts ?? {};
      this.held = {
        key,
        printer: new Printer({
          target: p.output.target,
          profile: choiceProfile(p.choice),
          ...(t.jobTimeoutMs ? { jobTimeoutMs: t.jobTimeoutMs } : {}),
          ...(t.statusTimeoutMs ? { statusTimeoutMs: t.statusTimeoutMs } : {}),
        }),
      };
      this.last = { ...this.last, model: p.choice.model };
    }
    return this.held.printer;
  }

  private requireConfigured() {
    const p = configuredPrinter(this.core.db, this.core.dataDir);
    if (!p) throw new PrinterUnavailable('offline', 'no receipt printer is configured');
    return p;
  }

  private must(id: string): PrintJobRecord {
    const job = this.core.db.printJobs.get(id);
    if (!job) throw new PrintJobNotFound(id);
    return job;
  }

  private nowIso(): string {
    return new Date(this.core.engine.now()).toISOString();
  }

  /** one job at a time: a printer is one stream of bytes */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

export const certificateTitle = (m: CertificateModel): string => certificateText(m.locale)(`title.${m.kind}`);

function codeOf(e: unknown): string {
  return e instanceof SportelloError ? e.code : 'INTERNAL';
}
