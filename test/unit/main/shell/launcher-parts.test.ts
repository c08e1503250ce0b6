// The pieces `npm start` decides with: where Electron is (from files, never downloading), whether
// it took (real child processes standing in for the Electron binary, which is absent here), which
// Chromium to open and how, and whether the screens need building.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectron } from '../../../../main/shell/electron-binary';
import { runElectron } from '../../../../main/shell/electron-run';
import { browserArgs, findBrowser, writeLaunchPage } from '../../../../main/shell/browser-open';
import { ensureRendererBuilt, rendererState } from '../../../../main/shell/renderer-build';
import { tempDir } from '../../../support/tmp';

const posix = process.platform !== 'win32';

function script(path: string, body: string): string {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('findElectron', () => {
  const display = { DISPLAY: ':0' };

  test('no package, no path.txt, no binary: each said plainly', (t) => {
    const app = tempDir(t);
    assert.deepEqual(findElectron(app, display, 'linux'), { ok: false, reason: 'the electron package is not installed' });
    mkdirSync(join(app, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(join(app, 'node_modules', 'electron', 'package.json'), '{}');
    const r = findElectron(app, display, 'linux');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /never downloaded/);
    writeFileSync(join(app, 'node_modules', 'electron', 'path.txt'), 'electron');
    const r2 = findElectron(app, display, 'linux');
    assert.match(!r2.ok ? r2.reason : '', /binary is missing/);
    mkdirSync(join(app, 'node_modules', 'electron', 'dist'));
    writeFileSync(join(app, 'node_modules', 'electron', 'dist', 'electron'), '');
    assert.deepEqual(findElectron(app, display, 'linux'), { ok: true, path: join(app, 'node_modules', 'electron', 'dist', 'electron') });
  });

  test('this checkout: the binary was never downloaded, and asking does not try to', () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const r = findElectron(root, display, 'linux');
    if (r.ok) return; // a machine with Electron downloaded: nothing to check here
    assert.match(r.reason, /never downloaded|binary is missing/);
  });

  test('ELECTRON_OVERRIDE_DIST_PATH, the display, and the opt-out', (t) => {
    const dist = tempDir(t);
    writeFileSync(join(dist, 'electron'), '');
    const app = tempDir(t);
    assert.deepEqual(findElectron(app, { ...display, ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux'), {
      ok: true,
      path: join(dist, 'electron'),
    });
    const noDisplay = findElectron(app, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux');
    assert.match(!noDisplay.ok ? noDisplay.reason : '', /no display/);
    assert.equal(findElectron(app, { WAYLAND_DISPLAY: 'wayland-0', ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux').ok, true);
    assert.equal(findElectron(app, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'win32').ok, true, 'only Linux needs DISPLAY');
    assert.deepEqual(findElectron(app, { ...display, ELECTRON_OVERRIDE_DIST_PATH: dist, SPORTELLO_NO_ELECTRON: '1' }, 'linux'), {
      ok: false,
      reason: 'SPORTELLO_NO_ELECTRON=1',
    });
  });
});

describe('runElectron', { skip: !posix && 'shell scripts stand in for Electron' }, () => {
  test('an early non-zero exit is a failure, with the last line it wrote', async (t) => {
    const dir = tempDir(t);
    const exe = script(join(dir, 'electron'), 'echo "[1:ERROR] something" >&2; echo "Missing X server or \\$DISPLAY" >&2; exit 1');
    t.mock.method(process.stderr, 'write', () => true);
    const r = await runElectron({ executable: exe, appDir: dir, args: [], env: {}, graceMs: 5000 });
    assert.deepEqual(r, { kind: 'failed', reason: 'Electron exited at start (code 1): Missing X server or $DISPLAY' });
  });

  test('an executable that cannot be started is a failure', async (t) => {
    const r = await runElectron({ executable: join(tempDir(t), 'nothing-here'), appDir: '.', args: [], env: {} });
    assert.deepEqual(r, { kind: 'failed', reason: 'cannot start Electron (ENOENT)' });
  });

  test('an early exit 0 (the instance already running took over) is not a failure', async (t) => {
    const dir = tempDir(t);
    const r = await runElectron({ executable: script(join(dir, 'electron'), 'exit 0'), appDir: dir, args: [], env: {} });
    assert.deepEqual(r, { kind: 'exited', code: 0 });
  });

  test('past the grace period it is running: its exit code is the result; arguments and env arrive', async (t) => {
    const dir = tempDir(t);
    const out = join(dir, 'seen');
    const exe = script(
      join(dir, 'electron'),
      `echo "$@" > '${out}'; echo "run-as-node=\${ELECTRON_RUN_AS_NODE:-unset}" >> '${out}'; sleep 0.6; exit 3`,
    );
    let running = false;
    const r = await runElectron({
      executable: exe,
      appDir: dir,
      args: ['--mode', 'kiosk'],
      env: { PATH: process.env.PATH, ELECTRON_RUN_AS_NODE: '1' },
      graceMs: 100,
      onRunning: () => (running = true),
    });
    assert.deepEqual(r, { kind: 'exited', code: 3 });
    assert.equal(running, true);
    assert.equal(readFileSync(out, 'utf8'), `${dir} --mode kiosk\nrun-as-node=unset\n`);
  });
});

describe('browser', () => {
  test('the first Chromium on PATH', { skip: !posix && 'POSIX executables' }, (t) => {
    const a = tempDir(t);
    const b = tempDir(t);
    writeFileSync(join(a, 'chromium'), ''); // not executable: skipped
    script(join(b, 'google-chrome'), 'exit 0');
    assert.equal(findBrowser({ PATH: `${a}:${b}` }), join(b, 'google-chrome'));
    script(join(a, 'chromium-browser'), 'exit 0');
    assert.equal(findBrowser({ PATH: `${a}:${b}` }), join(a, 'chromium-browser'));
    assert.equal(findBrowser({ PATH: '' }), null);
  });

  test('--app for counter and technician, --kiosk for the kiosk, a profile of its own', () => {
    const counter = browserArgs('file:///d/launch.html', 'counter', '/d/profile', false);
    assert.ok(counter.includes('--app=file:///d/launch.html'));
    assert.ok(!counter.includes('--kiosk'));
    assert.ok(counter.includes('--user-data-dir=/d/profile'));
    assert.ok(!counter.includes('--no-sandbox'));
    const kiosk = browserArgs('file:///d/launch.html', 'kiosk', '/d/profile', false);
    assert.deepEqual(kiosk.slice(-2), ['--kiosk', 'file:///d/launch.html']);
    assert.ok(browserArgs('x', 'counter', '/p', true).includes('--no-sandbox'), 'only as root, where Chromium refuses to start otherwise');
  });

  test('the token reaches Chromium through a 0600 page, never its command line', (t) => {
    const dir = join(tempDir(t), 'bk');
    const url = 'http://127.0.0.1:4321/#token=abc123&mode=kiosk';
    const page = writeLaunchPage(dir, url);
    const file = fileURLToPath(page);
    if (posix) assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(
      readFileSync(file, 'utf8'),
      /http-equiv="refresh" content="0;url=http:\/\/127\.0\.0\.1:4321\/#token=abc123&amp;mode=kiosk"/,
    );
    assert.ok(browserArgs(page, 'kiosk', '/p', false).every((a) => !a.includes('abc123')));
  });
});

describe('renderer build', () => {
  test('missing, stale, built', (t) => {
    const app = tempDir(t);
    mkdirSync(join(app, 'renderer'));
    writeFileSync(join(app, 'renderer', 'main.tsx'), '');
    assert.equal(rendererState(app), 'missing');
    mkdirSync(join(app, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(app, 'dist', 'renderer', 'index.html'), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(app, 'dist', 'renderer', 'index.html'), old, old);
    assert.equal(rendererState(app), 'stale');
    utimesSync(join(app, 'renderer', 'main.tsx'), new Date(old.getTime() - 60_000), new Date(old.getTime() - 60_000));
    assert.equal(rendererState(app), 'built');
    assert.equal(
      ensureRendererBuilt(app, () => assert.fail('nothing to build')),
      'built',
    );
  });

  test('nothing to build with is an error that says what is missing', (t) => {
    const app = tempDir(t);
    assert.throws(() => ensureRendererBuilt(app, () => undefined), /vite\.config\.ts is missing/);
  });
});
