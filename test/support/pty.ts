// A pair of connected pseudo-terminals made by socat: whatever is written to one end can be read
// from the other, with tty semantics (raw, no echo). Tests use it where a serial device
// (printer, scanner) would be plugged in; closing the pair is the same as pulling the cable.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './tmp';

export interface PtyPair {
  /** path of one end (a symlink to /dev/pts/N) */
  readonly a: string;
  /** path of the other end */
  readonly b: string;
  /** stops socat: both ends go away (their links are removed); safe to call twice */
  close(): Promise<void>;
}

interface TestHooks {
  after(fn: () => void | Promise<void>): void;
}

const READY_TIMEOUT_MS = 10_000;

/** `at`: the two link paths (a replug under the same name); default two new ones in a temp dir. */
export async function openPtyPair(t: TestHooks, at?: { a: string; b: string }): Promise<PtyPair> {
  const dir = at ? null : tempDir(t, 'sportello-pty-');
  const a = at?.a ?? join(dir!, 'a');
  const b = at?.b ?? join(dir!, 'b');
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  child.stderr.setEncoding('utf8');

  // socat logs "starting data transfer loop" once both ptys exist and it relays bytes;
  // the links are checked too so a quiet socat build still works.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`socat did not start in time: ${stderr.trim()}`)), READY_TIMEOUT_MS);
    const poll = setInterval(() => {
      if (stderr.includes('starting data transfer loop') && existsSync(a) && existsSync(b)) done();
    }, 10);
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', (err) => done(err));
    child.once('exit', (code) => done(new Error(`socat exited (${String(code)}) before the ptys were ready: ${stderr.trim()}`)));
    function done(err?: Error): void {
      clearTimeout(timer);
      clearInterval(poll);
      if (err) reject(err);
      else resolve();
    }
  });

  const close = async (): Promise<void> => {
    if (!exited) child.kill('SIGTERM');
    await exit;
  };
  t.after(close);
  return { a, b, close };
}
