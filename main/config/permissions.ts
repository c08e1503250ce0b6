/**
 * The data directory holds payments, the journal, the technician and operator PIN hashes, node
 * secrets (without a keyring) and exports: nobody but the terminal's own user may read it. At every
 * core start the directory is made 0700 and everything in it 0600 (directories 0700), each fix
 * reported as a warning, and the process umask is set to 077 so what the core creates afterwards
 * (the database, its WAL and SHM files, exports, diagnostics, spool files, logs) starts private.
 * Symbolic links are neither followed nor changed. Windows has no POSIX modes: nothing to do there.
 */
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Deep enough for logs/, spool/ and the like; a deeper tree is not ours. */
const MAX_DEPTH = 4;

export interface PermissionFix {
  path: string;
  /** The mode found (permission bits only). */
  was: number;
  now: number;
}

export function secureDataDir(dir: string, warn: (message: string) => void = (m) => console.warn(m)): PermissionFix[] {
  if (process.platform === 'win32') return [];
  try {
    process.umask(0o077);
  } catch {
    // worker threads cannot change the umask; the check below still runs
  }
  const fixes: PermissionFix[] = [];
  const visit = (path: string, depth: number): void => {
    let st;
    try {
      st = lstatSync(path);
    } catch {
      return; // gone meanwhile
    }
    if (st.isSymbolicLink()) return;
    const mode = st.mode & 0o777;
    const want = st.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    // Only the group and other bits are a leak; an owner who made a file read-only keeps it so.
    if ((mode & 0o077) !== 0 || (st.isDirectory() && (mode & 0o700) !== 0o700)) {
      const next = st.isDirectory() ? want : mode & 0o700;
      try {
        chmodSync(path, next);
        fixes.push({ path, was: mode, now: next });
      } catch (e) {
        warn(`sportello: cannot make ${path} private (${(e as NodeJS.ErrnoException).code ?? 'error'}): it stays ${mode.toString(8)}`);
      }
    }
    if (st.isDirectory() && depth < MAX_DEPTH) {
      let names: string[] = [];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      for (const n of names) visit(join(path, n), depth + 1);
    }
  };
  visit(dir, 0);
  if (fixes.length > 0) {
    const list = fixes
      .slice(0, 10)
      .map((f) => `${f.path} ${f.was.toString(8)}->${f.now.toString(8)}`)
      .join(', ');
    warn(
      `sportello: warning: ${fixes.length} item(s) in the data directory were readable by other users and were made private: ${list}${fixes.length > 10 ? ', ...' : ''}`,
    );
  }
  return fixes;
}
