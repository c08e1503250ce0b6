/**
 * The running core's address file, `<dataDir>/core.json`: how `sportello` commands find the terminal
 * that holds the database and talk to it instead of waiting for the file (main/cli/remote.ts).
 *
 * `{ pid, url, token, owner, startedAt }`: `token` is the server's per-start secret (the one every
 * request must carry); `owner` is a second per-start secret that makes a call the terminal's local
 * owner, as the CLI is in process (main/contract/roles.ts). It is separate from `token` because the
 * screens hold `token` too (the launch URL's fragment), and a kiosk page must not become the owner.
 * Whoever can read this file is the OS user that owns the data directory, who could open the
 * database anyway: so the file is 0600 from its first byte (written to a 0600 temp file, then
 * renamed over), and removed when the server closes. A file whose process is gone or whose server
 * does not accept connections is stale: readers ignore it, and the next core replaces it.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORE_FILE = 'core.json';

export interface CoreAddress {
  pid: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The server's token: `Authorization: Bearer <token>`. Never logged. */
  token: string;
  /** The owner's credential: `Sportello-Auth: <owner>` makes the call as the local owner. Never logged. */
  owner: string;
  startedAt: string;
}

export const coreFile = (dataDir: string): string => join(dataDir, CORE_FILE);

/** Writes the file atomically, 0600 before any byte is in it. */
export function writeCoreAddress(dataDir: string, address: CoreAddress): void {
  const file = coreFile(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    unlinkSync(temp); // a leftover of a crashed start of this same pid: 'wx' below must create it
  } catch {
    // none: the usual case
  }
  writeFileSync(temp, `${JSON.stringify(address)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temp, file);
}

/** The file as written, or null when absent or not one of ours (a stale or damaged file is no address). */
export function readCoreAddress(dataDir: string): CoreAddress | null {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(coreFile(dataDir), 'utf8'));
  } catch {
    return null;
  }
  const a = data as Partial<CoreAddress> | null;
  if (
    !a ||
    typeof a !== 'object' ||
    !Number.isSafeInteger(a.pid) ||
    typeof a.url !== 'string' ||
    !/^http:\/\/127\.0\.0\.1:\d{1,5}$/.test(a.url) ||
    typeof a.token !== 'string' ||
    typeof a.owner !== 'string' ||
    typeof a.startedAt !== 'string'
  ) {
    return null;
  }
  return { pid: a.pid!, url: a.url, token: a.token, owner: a.owner, startedAt: a.startedAt };
}

/** Removes the file if it is still this server's (a later core may have replaced a file it found stale). */
export function removeCoreAddress(dataDir: string, token: string): void {
  if (readCoreAddress(dataDir)?.token !== token) return;
  try {
    unlinkSync(coreFile(dataDir));
  } catch {
    // already gone
  }
}

/** Is there a process with this id? (EPERM: there is, owned by someone else.) */
export function processAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
