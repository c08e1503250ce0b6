/**
 * Looks at an existing file with plain reads before SQLite is allowed near it, so that a file that is
 * not a database (or is cut short) is refused without SQLite ever opening it for writing.
 * Layout of the 100-byte header: https://www.sqlite.org/fileformat.html#the_database_header
 */
import { closeSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { DatabaseCorrupt, StorageUnavailable } from './errors';

const MAGIC = 'SQLite format 3\u0000';
const HEADER_BYTES = 100;

export type ExistingFile = { exists: false } | { exists: true; size: number };

export function statDatabaseFile(path: string): ExistingFile {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new DatabaseCorrupt(path, 'not-sqlite', 'it is not a regular file');
    return { exists: true, size: st.size };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false };
    if (err instanceof DatabaseCorrupt) throw err;
    throw new StorageUnavailable('io-error', `The database file ${path} cannot be examined: ${(err as Error).message}`, { path });
  }
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEADER_BYTES);
    const n = readSync(fd, buf, 0, HEADER_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function hasWalContent(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

/** Throws DatabaseCorrupt when the header is not that of a SQLite 3 database of plausible size. */
export function checkHeader(path: string, size: number): void {
  let header: Buffer;
  try {
    header = readHeader(path);
  } catch (err) {
    throw new StorageUnavailable('io-error', `The database file ${path} cannot be read: ${(err as Error).message}`, { path });
  }
  if (header.subarray(0, 16).toString('latin1') !== MAGIC.slice(0, Math.min(16, header.length))) {
    throw new DatabaseCorrupt(path, 'not-sqlite', 'it does not start with the SQLite header');
  }
  if (header.length < HEADER_BYTES) {
    throw new DatabaseCorrupt(path, 'truncated', `it is ${size} bytes long, shorter than a SQLite header`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw new DatabaseCorrupt(path, 'bad-header', `its header gives an impossible page size (${rawPageSize})`);
  }
  // A crash during a checkpoint may leave the main file short or torn while the write-ahead log
  // still holds every page: SQLite repairs that itself, so the size checks apply only without a log.
  if (hasWalContent(path)) return;
  if (size % pageSize !== 0) {
    throw new DatabaseCorrupt(path, 'truncated', `its length (${size} bytes) is not a whole number of ${pageSize}-byte pages`);
  }
  // The page count in the header is trustworthy only while the change counter matches its
  // "version-valid-for" companion; a larger count than the file holds means pages were cut off.
  const changeCounter = header.readUInt32BE(24);
  const pageCount = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  if (pageCount > 0 && changeCounter === validFor && pageCount * pageSize > size) {
    throw new DatabaseCorrupt(path, 'truncated', `its header counts ${pageCount} pages but the file holds ${size / pageSize}`);
  }
}

/**
 * The record of a clean close, next to the database (`<file>.clean`): the file's identity as
 * sportello left it (size, modification and change times, inode) and when SQLite's quick_check last passed on
 * it. `PRAGMA quick_check` reads every page, so on a file of years of payments it costs seconds;
 * it is what catches damage done while sportello was not running. A file that is exactly as the
 * last clean close left it, with no write-ahead log to recover, recently checked, skips it.
 */
export const FULL_CHECK_EVERY_MS = 7 * 24 * 3_600_000;

interface CleanClose {
  version: 2;
  size: number;
  mtimeNs: string;
  /**
   * The inode change time: unlike mtime, no program can set it back (utimes itself moves it), so a
   * writer that restores the modification time after editing the file is still caught.
   */
  ctimeNs: string;
  ino: number;
  checkedAtMs: number;
}

const recordPath = (path: string): string => `${path}.clean`;

function identity(path: string): Omit<CleanClose, 'version' | 'checkedAtMs'> {
  const st = statSync(path, { bigint: true });
  return { size: Number(st.size), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs), ino: Number(st.ino) };
}

/**
 * When quick_check last passed on this very file, if the file is unchanged since sportello closed
 * it cleanly and has no log to recover; null when the check must run (after a crash, a copy, a
 * restore, any write by something else, or no record).
 */
export function lastCheckOfCleanClose(path: string): number | null {
  try {
    if (hasWalContent(path)) return null;
    const r = JSON.parse(readFileSync(recordPath(path), 'utf8')) as Partial<CleanClose>;
    const now = identity(path);
    if (
      r.version !== 2 ||
      r.size !== now.size ||
      r.mtimeNs !== now.mtimeNs ||
      r.ctimeNs !== now.ctimeNs ||
      r.ino !== now.ino ||
      typeof r.checkedAtMs !== 'number'
    )
      return null;
    return r.checkedAtMs;
  } catch {
    return null;
  }
}

/** Removed as a writer opens the file: from then on only a clean close may vouch for it again. */
export function forgetCleanClose(path: string): void {
  try {
    unlinkSync(recordPath(path));
  } catch {
    // none to forget
  }
}

/** Written after the connection closed (the log checkpointed and gone); best effort. */
export function recordCleanClose(path: string, checkedAtMs: number): void {
  try {
    if (hasWalContent(path)) return;
    const record: CleanClose = { version: 2, ...identity(path), checkedAtMs };
    const tmp = `${recordPath(path)}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(record)}\n`);
    renameSync(tmp, recordPath(path));
  } catch {
    // Without the record the next start runs the full check: slower, never less safe.
  }
}
