/**
 * A really full disk for the storage tests: a tiny tmpfs mounted in a temporary folder, and a file
 * that fills it to the last byte. Needs root and permission to mount: `mountTinyTmpfs` gives null
 * otherwise and the test skips, saying so.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mounts a tmpfs of `size` (mount's syntax: 768k, 2m) and unmounts it after the test. */
export function mountTinyTmpfs(t: { after(fn: () => unknown): void }, size: string, prefix = 'sportello-full-'): string | null {
  if (process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  t.after(() => {
    // lazy: a database handle a failed test left open must not keep the mount (and the folder) alive
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Writes zeros into a new file until the file system says ENOSPC. */
export function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (;;) writeSync(fd, Buffer.alloc(4096));
  } catch (err) {
    assert.equal((err as NodeJS.ErrnoException).code, 'ENOSPC');
  } finally {
    closeSync(fd);
  }
}
