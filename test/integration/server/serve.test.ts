// `sportello serve` as a real process: it prints where it listens and its token, answers calls,
// and on SIGTERM/SIGINT closes everything and exits 0 (the database lock is free again after it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CREDENTIALS } from '../../../sim/simulator';
import { tempDir } from '../../support/tmp';
import { send } from './harness';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const serveModule = new URL('../../../main/cli/serve.ts', import.meta.url).href;
// A script file rather than `node -e`: under -e, Node 20 kills the process on SIGTERM despite the listener.
const RUNNER = `const m = await import(${JSON.stringify(serveModule)});\nprocess.exitCode = await m.serveCommand(process.argv.slice(2));\n`;

interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first `n` stdout lines. */
  lines(n: number): Promise<string[]>;
  exit: Promise<number | null>;
}

function run(args: string[], dataDir: string): Running {
  // Beside the data directory, not in it: the core makes everything in there private and says so on stderr.
  const runner = `${dataDir}-serve-runner.mjs`;
  writeFileSync(runner, RUNNER);
  const child = spawn(process.execPath, ['--import', 'tsx', runner, ...args], {
    cwd: root,
    env: { ...process.env, SPORTELLO_DATA_DIR: dataDir, SPORTELLO_CONFIG: '' },
  });
  let out = '';
  let err = '';
  const waiting: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => ((out += d.toString()), waiting.splice(0).forEach((f) => f())));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => (rmSync(runner, { force: true }), resolve(code))));
  return {
    child,
    exit,
    stdout: () => out,
    stderr: () => err,
    lines(n) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const ls = out.split('\n');
          if (ls.length > n) return resolve(ls.slice(0, n));
          if (child.exitCode !== null) return reject(new Error(`serve exited ${child.exitCode}: ${err}`));
          waiting.push(check);
        };
        child.on('exit', check);
        check();
      });
    },
  };
}

describe('sportello serve', { timeout: 90_000 }, () => {
  test('--json: one line to read, calls answered, SIGTERM closes cleanly; a restart has a new token', async (t) => {
    const dir = tempDir(t);
    const a = run(['--json'], dir);
    t.after(() => a.child.kill('SIGKILL'));
    const [line] = await a.lines(1);
    const info = JSON.parse(line!) as { url: string; wsUrl: string; token: string; mode: string; simulatorUrl: string; launchUrl: null };
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(info.token, /^[0-9a-f]{64}$/);
    assert.equal(info.mode, 'demo');
    assert.match(info.simulatorUrl, /^http:\/\/127\.0\.0\.1:\d+\//);
    const port = Number(new URL(info.url).port);
    const r = await send(port, { method: 'POST', path: '/api/system.info', headers: { Authorization: `Bearer ${info.token}` } });
    assert.equal((r.json as { value: { dataDir: string } }).value.dataDir, dir);
    a.child.kill('SIGTERM');
    assert.equal(await a.exit, 0);
    assert.equal(a.stderr(), '');
    for (const secret of [DEFAULT_CREDENTIALS.password, DEFAULT_CREDENTIALS.subscriptionKey])
      assert.equal(a.stdout().includes(secret), false);

    // Same data folder: the first process let go of the database, and the token is new.
    const b = run(['--json'], dir);
    t.after(() => b.child.kill('SIGKILL'));
    const again = JSON.parse((await b.lines(1))[0]!) as { token: string; url: string };
    assert.notEqual(again.token, info.token);
    const old = await send(Number(new URL(again.url).port), {
      method: 'POST',
      path: '/api/system.info',
      headers: { Authorization: `Bearer ${info.token}` },
    });
    assert.equal(old.status, 401);
    b.child.kill('SIGINT');
    assert.equal(await b.exit, 0);
  });

  test('text mode says where, the token, and that it runs in demo mode; SIGINT stops it', async (t) => {
    const c = run([], tempDir(t));
    t.after(() => c.child.kill('SIGKILL'));
    const lines = await c.lines(3);
    assert.match(lines[0]!, /^sportello API on http:\/\/127\.0\.0\.1:\d+ /);
    assert.match(lines[1]!, /^token: [0-9a-f]{64}$/);
    assert.match(lines[2]!, /^demo mode: .*simulator at http:\/\/127\.0\.0\.1:\d+\//);
    c.child.kill('SIGINT');
    assert.equal(await c.exit, 0);
    assert.match(c.stderr(), /SIGINT: stopping/);
  });

  test('bad options are a usage error (exit 2) before anything starts', async (t) => {
    for (const args of [['--port', 'eighty'], ['--port', '70000'], ['--bind', '0.0.0.0'], ['extra']]) {
      const d = run(args, tempDir(t));
      assert.equal(await d.exit, 2, args.join(' '));
      assert.match(d.stderr(), /usage: sportello serve/);
    }
  });
});
