/**
 * The witness: a small record next to the database (`<file>.witness`, mode 0600) saying that this
 * terminal has held records in it, how large the file was, and the journal's head (seq + hash) as
 * last seen. It lives OUTSIDE the file on purpose: a database cut to 0 bytes or deleted cannot
 * testify about itself, and without the witness `openDatabase` would create an empty one in its
 * place and every queued outcome would be forgotten.
 *
 * It is written only from committed data (never inside a transaction), atomically (temp file,
 * fsync, rename, fsync of the folder), when the journal gets its first entry, at most every
 * WITNESS_EVERY_MS after commits that advanced the journal, and at a clean close: one fsync every
 * so often, not one per commit (bench figure 2 times commits). After a crash it may be behind the
 * file, never ahead of it, so the checks below only refuse what cannot happen to this terminal's
 * own file: missing, 0 bytes, smaller than ever left, a journal ending before the witness's entry,
 * or a different entry at that position.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { DatabaseEmptied, DatabaseMissing } from './errors';
import type { EmptiedReason } from './errors';

/** How often, at most, commits refresh the witness (monotonic time). Clean close always does. */
export const WITNESS_EVERY_MS = 30_000;

export interface Witness {
  version: 1;
  /** The database's file name, so a witness copied elsewhere is not taken for another file's. */
  database: string;
  /** The file's inode and size when the witness was written (the file never shrinks: no VACUUM). */
  ino: number;
  sizeFloor: number;
  journal: { seq: number; hash: string };
  writtenAt: string;
}

export const witnessPath = (path: string): string => `${path}.witness`;

/** The witness for this database, or null when there is none (a terminal that never held records). */
export function readWitness(path: string): Witness | null {
  let text: string;
  try {
    text = readFileSync(witnessPath(path), 'utf8');
  } catch {
    return null;
  }
  try {
    const w = JSON.parse(text) as Partial<Witness>;
    if (w.version !== 1 || typeof w.journal?.seq !== 'number' || typeof w.journal.hash !== 'string' || typeof w.sizeFloor !== 'number')
      return null;
    return w as Witness;
  } catch {
    // Written by rename, so never torn; an unreadable witness is treated as none (and rewritten).
    return null;
  }
}

/** Writes the witness atomically: temp file, fsync, rename over the old one, fsync of the folder. */
export function writeWitness(path: string, head: { seq: number; hash: string }, now: number): Witness {
  const st = statSync(path);
  const w: Witness = {
    version: 1,
    database: basename(path),
    ino: st.ino,
    sizeFloor: st.size,
    journal: { seq: head.seq, hash: head.hash },
    writtenAt: new Date(now).toISOString(),
  };
  const target = witnessPath(path);
  const tmp = `${target}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(w)}\n`);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, target);
  try {
    const dir = openSync(dirname(target), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  }
  return w;
}

export function removeWitness(path: string): void {
  try {
    unlinkSync(witnessPath(path));
  } catch {
    // none
  }
}

const emptied = (path: string, reason: EmptiedReason, w: Witness, found: Record<string, unknown> = {}) =>
  new DatabaseEmptied(path, witnessPath(path), reason, { seq: w.journal.seq, hash: w.journal.hash, writtenAt: w.writtenAt }, found);

/** Before SQLite is allowed near the file: a witness and no file (or a 0-byte one) is a refusal. */
export function checkFileAgainstWitness(path: string, w: Witness, file: { exists: false } | { exists: true; size: number }): void {
  if (!file.exists)
    throw new DatabaseMissing(path, witnessPath(path), { seq: w.journal.seq, hash: w.journal.hash, writtenAt: w.writtenAt });
  if (file.size === 0) throw emptied(path, 'empty-file', w, { size: 0 });
}

/**
 * After the header check (a file that is not SQLite at all is DB_CORRUPT): smaller than sportello
 * ever left it. `walContent`: a crash may leave the main file short while its log holds the pages.
 */
export function checkSizeAgainstWitness(path: string, w: Witness, size: number, walContent: boolean): void {
  if (!walContent && size < w.sizeFloor) throw emptied(path, 'shrunk', w, { size, sizeFloor: w.sizeFloor });
}

/** Through a connection that has not written anything yet: the journal must reach the witness's entry, unchanged. */
export function checkJournalAgainstWitness(path: string, conn: Database.Database, w: Witness): void {
  const hasJournal = conn.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'journal'`).get() !== undefined;
  if (!hasJournal) throw emptied(path, 'no-journal', w);
  const head = conn.prepare('SELECT seq FROM journal ORDER BY seq DESC LIMIT 1').pluck().get() as number | undefined;
  if ((head ?? 0) < w.journal.seq) throw emptied(path, 'journal-behind', w, { journalHead: head ?? 0 });
  const hash = conn.prepare('SELECT hash FROM journal WHERE seq = ?').pluck().get(w.journal.seq) as string | undefined;
  if (hash !== w.journal.hash) throw emptied(path, 'journal-differs', w, { journalHead: head ?? 0, hashFound: hash ?? null });
}

/**
 * Keeps the witness up to date for one writable handle. `afterCommit` is called once a top-level
 * transaction (or a lone write) has committed: it looks at the journal head only when the witness
 * is due (none yet, or WITNESS_EVERY_MS since the last), so most commits cost a clock read.
 */
export class WitnessKeeper {
  private seq: number;
  private lastWriteAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly path: string,
    private readonly head: () => { seq: number; hash: string } | null,
    private readonly clock: () => number,
    private readonly everyMs: number,
    known: Witness | null,
  ) {
    this.seq = known?.journal.seq ?? 0;
    if (known) this.lastWriteAt = performance.now();
  }

  afterCommit(): void {
    if (this.seq > 0 && performance.now() - this.lastWriteAt < this.everyMs) return;
    this.refresh();
  }

  /**
   * Writes the witness if the journal moved since the last one; best effort (a full disk must not
   * fail a commit). `known`: the head read before the connection closed.
   */
  refresh(known?: { seq: number; hash: string } | null): void {
    try {
      const head = known === undefined ? this.head() : known;
      if (!head || head.seq === this.seq) return;
      writeWitness(this.path, head, this.clock());
      this.seq = head.seq;
      this.lastWriteAt = performance.now();
    } catch {
      // The witness stays behind: never a false refusal, at worst a later one catches less.
    }
  }
}
