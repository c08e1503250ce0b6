// `npm start` as a person runs it (node bin/start.mjs), in a fresh data dir. This machine has no
// Electron binary (it is never downloaded here) and no display, so it must fall back to
// browser-kiosk mode with one line saying why, print the URL, and serve the app there. Stand-ins
// for Electron and Chromium (shell scripts) show the paths this machine cannot take for real:
// an Electron that dies at start, one that runs, and a Chromium that is opened and closed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../support/tmp';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const NOTICE = /^Electron cannot run here \((.+)\): starting in browser-kiosk mode$/;
/** Guards against a hang only; nothing here is a timing assertion. */
const HANG_GUARD_MS = 120_000;
const posix = process.platform !== 'win32';

interface Launcher {
  child: ChildProcess;
  stdout: string[];
  stderr: () => string;
  /** Resolves with the first stdout line matching, rejects if the launcher exits first. */
  line(re: RegExp): Promise<string>;
  exit: Promise<number | null>;
}

function baseEnv(data: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, SPORTELLO_DATA_DIR: data, ...extra };
  return env;
}

function start(t: { after(fn: () => unknown): void }, args: string[], env: NodeJS.ProcessEnv): Launcher {
  const child = spawn(process.execPath, [join(root, 'bin', 'start.mjs'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let err = '';
  let buffered = '';
  const waiters: Array<{ re: RegExp; resolve: (l: string) => void }> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let i;
    while ((i = buffered.indexOf('\n')) >= 0) {
      const l = buffered.slice(0, i);
      buffered = buffered.slice(i + 1);
      stdout.push(l);
      for (const w of waiters.filter((x) => x.re.test(l))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(l);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exit;
    }
  });
  return {
    child,
    stdout,
    stderr: () => err,
    exit,
    line(re) {
      const seen = stdout.find((l) => re.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ re, resolve });
        void exit.then((code) =>
          reject(new Error(`the launcher exited (${code}) before printing ${re}\nstdout:\n${stdout.join('\n')}\nstderr:\n${err}`)),
        );
      });
    },
  };
}

function script(path: string, body: string): string {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

async function waitForFile(path: string, exit: Promise<unknown>): Promise<void> {
  let exited = false;
  void exit.then(() => (exited = true));
  while (!existsSync(path)) {
    if (exited) throw new Error(`the launcher exited before ${path} appeared`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start', { timeout: HANG_GUARD_MS }, () => {
  test('falls back to browser-kiosk mode, says so in one line, prints the URL, and the URL serves the app', async (t) => {
    const data = tempDir(t);
    const l = start(t, [], baseEnv(data, { SPORTELLO_NO_BROWSER: '1' }));
    const urlLine = await l.line(/^open: /);
    const notices = l.stdout.filter((x) => NOTICE.test(x));
    assert.equal(notices.length, 1, `one notice line:\n${l.stdout.join('\n')}`);
    assert.ok(l.stdout.indexOf(notices[0]!) < l.stdout.indexOf(urlLine), 'the notice comes first');
    assert.match(notices[0]!, /Electron's binary|electron package|no display/);
    assert.ok(
      l.stdout.some((x) => /^demo mode: /.test(x)),
      'demo mode is said',
    );

    const url = new URL(urlLine.slice('open: '.length));
    assert.equal(url.hostname, '127.0.0.1');
    const fragment = new URLSearchParams(url.hash.slice(1));
    const token = fragment.get('token');

    // A newcomer's first minute: the other screens' addresses, notices to paste, and why no window opened.
    await l.line(/^no browser opened /);
    for (const mode of ['kiosk', 'technician']) {
      const other = l.stdout.find((x) => x.trim().startsWith(`${mode} `));
      assert.ok(other, `the ${mode} screen's address is printed:\n${l.stdout.join('\n')}`);
      const otherUrl = new URL(other.trim().split(/\s+/)[1]!);
      assert.equal(otherUrl.origin, url.origin);
      assert.equal(new URLSearchParams(otherUrl.hash.slice(1)).get('mode'), mode);
    }
    const samples = l.stdout.filter((x) => /^\s+PAGOPA\|002\|\d{18}\|\d{11}\|\d+\s/.test(x));
    assert.ok(samples.length >= 1, `sample notices printed in demo mode:\n${l.stdout.join('\n')}`);
    assert.ok(l.stdout.some((x) => /^no browser opened \(SPORTELLO_NO_BROWSER=1\)/.test(x)));
    assert.match(token ?? '', /^[0-9a-f]{64}$/);
    assert.equal(fragment.get('mode'), 'counter', 'no configuration: a counter terminal');

    // What the browser fetches: the page (the fragment never leaves the browser).
    const page = await fetch(new URL('/', url));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(await page.text(), /<div id="root">/);

    // The token is what the API accepts, and only it.
    const call = (auth: string) =>
      fetch(new URL('/api/system.info', url), {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: '{}',
      });
    const ok = await call(`Bearer ${token}`);
    assert.equal(ok.status, 200);
    const body = (await ok.json()) as { ok: boolean; value: { mode: string; dataDir: string } };
    assert.equal(body.ok, true);
    assert.equal(body.value.mode, 'demo');
    assert.equal(body.value.dataDir, data);
    assert.equal((await call(`Bearer ${'0'.repeat(64)}`)).status, 401);

    l.child.kill('SIGTERM');
    assert.equal(await l.exit, 0);
    assert.match(l.stderr(), /SIGTERM: stopping/);
    assert.ok(existsSync(join(data, 'sportello.db')), 'the core ran in the data dir it was given');
  });

  test(
    'kiosk mode opens Chromium with --kiosk through a 0600 page; closing it stops everything',
    { skip: !posix && 'shell scripts stand in for Chromium' },
    async (t) => {
      const data = tempDir(t);
      const bin = tempDir(t);
      const seen = join(tempDir(t), 'chromium-args');
      script(
        join(bin, 'chromium'),
        `printf '%s\\n' "$@" > '${seen}.tmp' && mv '${seen}.tmp' '${seen}'\nwhile [ ! -e '${seen}.close' ]; do sleep 0.1; done`,
      );
      const l = start(
        t,
        ['--browser-kiosk'],
        baseEnv(data, { SPORTELLO_MODE: 'kiosk', DISPLAY: ':99', PATH: `${bin}:${process.env.PATH}` }),
      );
      const notice = await l.line(NOTICE);
      assert.match(notice, /--browser-kiosk was given/);
      const url = (await l.line(/^open: /)).slice('open: '.length);
      assert.equal(new URLSearchParams(new URL(url).hash.slice(1)).get('mode'), 'kiosk');
      await waitForFile(seen, l.exit);
      const args = readFileSync(seen, 'utf8').trim().split('\n');
      const target = args.at(-1)!;
      assert.equal(args.at(-2), '--kiosk');
      assert.match(target, /^file:\/\/.*\/launch\.html$/);
      assert.ok(
        args.some((a) => a.startsWith(`--user-data-dir=${data}`)),
        'a profile of its own, in the data dir',
      );
      assert.ok(
        args.every((a) => !a.includes(new URLSearchParams(new URL(url).hash.slice(1)).get('token')!)),
        'the token is not on the command line',
      );
      const launchPage = fileURLToPath(target);
      assert.equal((await import('node:fs')).statSync(launchPage).mode & 0o777, 0o600);
      assert.ok(readFileSync(launchPage, 'utf8').includes(`url=${url.replace(/&/g, '&amp;')}"`), 'the page forwards to the printed URL');

      writeFileSync(`${seen}.close`, ''); // the person closes the window
      assert.equal(await l.exit, 0);
    },
  );

  test(
    'an Electron that dies at start: the reason it gave, then browser-kiosk mode',
    { skip: !posix && 'shell scripts stand in for Electron' },
    async (t) => {
      const dist = tempDir(t);
      script(join(dist, 'electron'), 'echo "Missing X server or \\$DISPLAY" >&2; exit 1');
      const l = start(t, [], baseEnv(tempDir(t), { SPORTELLO_NO_BROWSER: '1', DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: dist }));
      const notice = await l.line(NOTICE);
      assert.equal(NOTICE.exec(notice)![1], 'Electron exited at start (code 1): Missing X server or $DISPLAY');
      await l.line(/^open: http:\/\/127\.0\.0\.1:\d+\/#token=/);
      l.child.kill('SIGTERM');
      assert.equal(await l.exit, 0);
    },
  );

  test(
    'an Electron that runs gets the app dir and the mode, and no fallback happens',
    { skip: !posix && 'shell scripts stand in for Electron' },
    async (t) => {
      const dist = tempDir(t);
      const seen = join(tempDir(t), 'electron-args');
      // Exit 0: what the second instance does after handing over to the first.
      script(join(dist, 'electron'), `printf '%s\\n' "$@" > '${seen}'; exit 0`);
      const data = tempDir(t);
      const l = start(t, ['--mode', 'technician'], baseEnv(data, { DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: dist }));
      assert.equal(await l.exit, 0);
      assert.deepEqual(readFileSync(seen, 'utf8').trim().split('\n'), [root.replace(/\/$/, ''), '--mode', 'technician']);
      assert.equal(l.stdout.filter((x) => NOTICE.test(x)).length, 0, l.stdout.join('\n'));
      assert.equal(existsSync(join(data, 'sportello.db')), false, 'the launcher started no core of its own');
    },
  );

  test('a bad flag is refused with the usage', async (t) => {
    const l = start(t, ['--mode', 'vending'], baseEnv(tempDir(t)));
    assert.equal(await l.exit, 2);
    assert.match(l.stderr(), /--mode must be one of counter, kiosk, technician/);
    assert.match(l.stderr(), /usage: npm start/);
  });
});
