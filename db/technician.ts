/**
 * The technician's two deliberate ways out of a DB_MISSING / DB_EMPTIED refusal (db/witness.ts),
 * behind `sportello db start-afresh --confirm` and `sportello db adopt-restored --confirm`. Both
 * are journaled in the database they leave behind, with the witness's last known journal head, so
 * the break in the chain is itself on record; neither deletes a byte (old files are moved aside).
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DatabaseNotRefused } from './errors';
import { openDatabase } from './open';
import type { OpenOptions } from './open';
import { readWitness, witnessPath } from './witness';
import type { Witness } from './witness';

export interface DeliberateActReport {
  path: string;
  /** The refusal that made the act necessary. */
  refused: { code: string; reason: string | null; message: string };
  /** The witness's last known head (null when there was no witness). */
  previous: { seq: number; hash: string; writtenAt: string } | null;
  /** The journal entry recording the act in the database now in place. */
  journaled: { seq: number; hash: string };
}

type Opts = Pick<OpenOptions, 'clock' | 'newId'>;

/** Opens the file normally: the refusal (a typed error) or a DatabaseNotRefused if it opens. */
function refusalOf(path: string, act: string, opts: Opts): { code: string; reason: string | null; message: string; error: unknown } {
  // Opening would create a database where there is none and no witness: nothing to act on.
  if (!existsSync(path) && readWitness(path) === null)
    throw new DatabaseNotRefused(path, act, 'there is no database and no witness of one; sportello creates it at the next start');
  try {
    const db = openDatabase(path, opts);
    const depth = db.outbox.pending().depth;
    db.close();
    throw new DatabaseNotRefused(path, act, `the database opens normally (${depth} outcome(s) queued in it)`);
  } catch (err) {
    if (err instanceof DatabaseNotRefused) throw err;
    const e = err as { code?: unknown; reason?: unknown; message?: unknown };
    return {
      code: typeof e.code === 'string' ? e.code : 'ERROR',
      reason: typeof e.reason === 'string' ? e.reason : null,
      message: String(e.message ?? err),
      error: err,
    };
  }
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[:.]/g, '-');
const previousOf = (w: Witness | null) => (w ? { seq: w.journal.seq, hash: w.journal.hash, writtenAt: w.writtenAt } : null);

/**
 * For a database refused as missing, emptied or damaged (DB_MISSING, DB_EMPTIED, DB_CORRUPT): moves
 * what is left of it (file, -wal, -shm, -journal, .clean, .witness) into `set-aside-<time>/` next
 * to it, creates an empty database, journals `database-started-afresh` with the old witness's head,
 * and so writes a new witness. Any other refusal (in use, too new, foreign, storage) is rethrown.
 */
export function startAfresh(file: string, opts: Opts = {}): DeliberateActReport & { setAsideTo: string; moved: string[] } {
  const path = resolve(file);
  const refused = refusalOf(path, 'start-afresh', opts);
  if (!['DB_MISSING', 'DB_EMPTIED', 'DB_CORRUPT'].includes(refused.code)) throw refused.error;
  const witness = readWitness(path);
  const now = (opts.clock ?? Date.now)();
  const setAsideTo = join(dirname(path), `set-aside-${stamp(now)}`);
  mkdirSync(setAsideTo, { recursive: false });
  const moved: string[] = [];
  for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`, `${path}.clean`, witnessPath(path)]) {
    if (!existsSync(f)) continue;
    renameSync(f, join(setAsideTo, basename(f)));
    moved.push(basename(f));
  }
  const db = openDatabase(path, { ...opts, ignoreWitness: true, witnessEveryMs: 0 });
  try {
    const entry = db.journal.append('database-started-afresh', {
      refused: { code: refused.code, reason: refused.reason },
      previous: previousOf(witness),
      setAsideTo,
      moved,
    });
    return {
      path,
      refused: { code: refused.code, reason: refused.reason, message: refused.message },
      previous: previousOf(witness),
      journaled: { seq: entry.seq, hash: entry.hash },
      setAsideTo,
      moved,
    };
  } finally {
    db.close();
  }
}

/**
 * For a restored copy that is older than (or otherwise not) the file the witness last saw
 * (DB_EMPTIED: journal-behind, journal-differs, shrunk): keeps the file, moves the old witness
 * aside, journals `database-restored` with the witness's head and the restored file's head, and so
 * writes a new witness. Missing, 0-byte or record-less files have nothing to adopt: start afresh.
 */
export function adoptRestored(file: string, opts: Opts = {}): DeliberateActReport & { restoredHead: { seq: number; hash: string } | null } {
  const path = resolve(file);
  const refused = refusalOf(path, 'adopt-restored', opts);
  if (refused.code !== 'DB_EMPTIED' || !['journal-behind', 'journal-differs', 'shrunk'].includes(refused.reason ?? '')) throw refused.error;
  const witness = readWitness(path);
  const now = (opts.clock ?? Date.now)();
  if (witness) renameSync(witnessPath(path), `${witnessPath(path)}.replaced-${stamp(now)}`);
  const db = openDatabase(path, { ...opts, ignoreWitness: true, witnessEveryMs: 0 });
  try {
    const restoredHead = db.journal.head();
    const entry = db.journal.append('database-restored', {
      refused: { code: refused.code, reason: refused.reason },
      previous: previousOf(witness),
      restoredHead,
    });
    return {
      path,
      refused: { code: refused.code, reason: refused.reason, message: refused.message },
      previous: previousOf(witness),
      journaled: { seq: entry.seq, hash: entry.hash },
      restoredHead,
    };
  } finally {
    db.close();
  }
}
