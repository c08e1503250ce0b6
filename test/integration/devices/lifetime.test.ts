// The device service leaves nothing behind: a core that ran a serial scanner exits by itself once
// its API and core are closed (no poll timer, no open port), so `sportello serve` and the shells
// still stop. Run as a child process: the test waits for its exit, a hang is the test's timeout.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openPtyPair } from '../../support/pty';
import { tempDir } from '../../support/tmp';

describe('device service lifetime', { timeout: 60_000 }, () => {
  test('a core that ran a serial scanner exits by itself after close', async (t) => {
    const pty = await openPtyPair(t);
    const dir = tempDir(t, 'sportello-devices-life-');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'lifetime-child.ts'), dir, pty.a], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (c, s) => resolve([c, s])),
    );
    assert.equal(out, 'closed\n', err);
    assert.deepEqual([code, signal], [0, null]);
  });
});
