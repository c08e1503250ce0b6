// The shell wired end to end on a fake Electron (no binary can run here) and a REAL core in demo
// mode (its own simulator on loopback, SQLite in a temp folder): the window it opens and how,
// the guards on every web contents and on the session, the CSP, the app:// files, the IPC door in
// front of the core, events out, a renderer crash, and an orderly quit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startShell, PRELOAD_PATH } from '../../../main/electron/shell';
import type { ElectronApi } from '../../../main/electron/shell';
import { IPC_CHANNELS, SENDER_REFUSED } from '../../../main/electron/ipc';
import { ELECTRON_CSP } from '../../../main/electron/csp';
import type { CallResult } from '../../../main/contract/result';
import { tempDir } from '../../support/tmp';
import { FakeApp, FakeBrowserWindow, FakeContents, FakeEvent, FakeFrame, FakeIpcMain, FakeSession } from '../../support/fake-electron';

type Handler = (request: { url: string; method: string }) => Promise<Response>;

function fakeElectron(appDir: string) {
  const app = new FakeApp(appDir);
  const ipcMain = new FakeIpcMain();
  const session = new FakeSession();
  const menus: unknown[] = [];
  const protocols = new Map<string, Handler>();
  FakeBrowserWindow.created = [];
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    Menu: { setApplicationMenu: (m: unknown) => menus.push(m) },
    protocol: { handle: (scheme: string, handler: Handler) => protocols.set(scheme, handler) },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      getSelectedStorageBackend: () => 'unknown',
    },
    session: { defaultSession: session },
  };
  return { app, ipcMain, session, menus, protocols, electron: electron as unknown as ElectronApi };
}

function appDir(t: { after(fn: () => void): void }) {
  const dir = tempDir(t, 'sportello-shell-');
  mkdirSync(join(dir, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>sportello</title>');
  return dir;
}

/** Quits the way a person closing the app would, and waits for the shell to finish. */
async function quit(app: FakeApp): Promise<FakeEvent> {
  const event = new FakeEvent();
  app.emit('before-quit', event);
  for (let i = 0; i < 500 && !app.calls.some((c) => c.name === 'quit'); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(
    app.calls.some((c) => c.name === 'quit'),
    'the shell never quit',
  );
  return event;
}

describe('Electron shell on a real core', () => {
  test('counter mode: window, guards, CSP, files, IPC, events, crash, quit', async (t) => {
    const dir = appDir(t);
    const data = tempDir(t, 'sportello-shell-data-');
    const f = fakeElectron(dir);
    const log: string[] = [];
    await startShell(f.electron, { argv: ['/usr/bin/electron', dir], env: { SPORTELLO_DATA_DIR: data }, log: (l) => log.push(l) });
    let closed = false;
    t.after(async () => {
      if (!closed) await quit(f.app);
    });

    assert.ok(f.app.calls.some((c) => c.name === 'requestSingleInstanceLock'));
    assert.deepEqual(f.menus, [null], 'no application menu');
    assert.ok(
      log.some((l) => /demo mode/.test(l)),
      'demo mode is said',
    );
    assert.ok(
      log.some((l) => /no OS keyring/.test(l)),
      'the weaker secret storage is said',
    );

    // The window.
    assert.equal(FakeBrowserWindow.created.length, 1);
    const win = FakeBrowserWindow.created[0]!;
    const prefs = win.options.webPreferences!;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.preload, PRELOAD_PATH);
    assert.ok(existsSync(PRELOAD_PATH), 'the preload the window names exists');
    assert.notEqual(win.options.kiosk, true);
    assert.equal(win.loadedUrl, 'app://sportello/index.html#mode=counter');

    // Every web contents created gets the guards.
    const other = new FakeContents();
    f.app.emit('web-contents-created', new FakeEvent(), other);
    assert.deepEqual(other.windowOpenHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
    const nav = new FakeEvent('https://evil.example/');
    other.emit('will-navigate', nav, 'https://evil.example/');
    assert.equal(nav.defaultPrevented, true);

    // The session: permissions denied, CSP on every response.
    let granted: boolean | null = null;
    f.session.permissionRequest!({}, 'media', (g) => (granted = g), {});
    assert.equal(granted, false);
    let headers: Record<string, string | string[]> | undefined;
    f.session.headersListener!({ url: 'app://sportello/index.html', responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    assert.deepEqual(headers?.['Content-Security-Policy'], [ELECTRON_CSP]);

    // The app:// files come from dist/renderer.
    const handler = f.protocols.get('app');
    assert.ok(handler, 'app:// is handled');
    const page = await handler!({ url: 'app://sportello/index.html', method: 'GET' });
    assert.equal(page.status, 200);
    assert.equal(await page.text(), '<!doctype html><title>sportello</title>');

    // IPC in front of the real core.
    const own = win.webContents.mainFrame;
    const info = (await f.ipcMain.invoke(IPC_CHANNELS.call, own, { call: 'system.info', request: {} })) as CallResult<{ mode: string }>;
    assert.equal(info.ok, true);
    assert.equal(info.ok && info.value.mode, 'demo');
    const foreign = (await f.ipcMain.invoke(IPC_CHANNELS.call, new FakeFrame('https://evil.example/'), {
      call: 'system.info',
    })) as CallResult<unknown>;
    assert.equal(!foreign.ok && foreign.error.code, SENDER_REFUSED);
    const malformed = (await f.ipcMain.invoke(IPC_CHANNELS.call, own, {
      call: 'session.start',
      request: { kind: 'vending-machine' },
    })) as CallResult<unknown>;
    assert.equal(!malformed.ok && malformed.error.code, 'REQUEST_INVALID');

    // Events reach the window (a cancelled session is an update).
    const started = (await f.ipcMain.invoke(IPC_CHANNELS.call, own, { call: 'session.start', request: {} })) as CallResult<{ id: string }>;
    assert.equal(started.ok, true, JSON.stringify(started));
    const cancelled = (await f.ipcMain.invoke(IPC_CHANNELS.call, own, {
      call: 'session.cancel',
      request: { sessionId: started.ok ? started.value.id : '' },
    })) as CallResult<unknown>;
    assert.equal(cancelled.ok, true, JSON.stringify(cancelled));
    for (let i = 0; i < 100 && !win.webContents.sent.some((s) => (s.message as { event: string }).event === 'session.updated'); i++)
      await new Promise((r) => setTimeout(r, 10));
    const updated = win.webContents.sent.find((s) => (s.message as { event: string }).event === 'session.updated');
    assert.ok(updated, 'session.updated was forwarded');
    assert.equal(updated!.channel, IPC_CHANNELS.event);

    // A renderer crash: a new window replaces the old one; the core keeps running.
    f.app.emit('render-process-gone', new FakeEvent(), win.webContents, { reason: 'crashed', exitCode: 139 });
    assert.equal(FakeBrowserWindow.created.length, 2);
    assert.equal(win.destroyed, true);
    const second = FakeBrowserWindow.created[1]!;
    assert.equal(second.loadedUrl, 'app://sportello/index.html#mode=counter');
    const again = (await f.ipcMain.invoke(IPC_CHANNELS.call, second.webContents.mainFrame, {
      call: 'outbox.status',
      request: {},
    })) as CallResult<unknown>;
    assert.equal(again.ok, true);

    // Quit: held until the core is closed, then quit for real.
    const event = await quit(f.app);
    closed = true;
    assert.equal(event.defaultPrevented, true, 'the first before-quit waits for the core');
    assert.equal(f.ipcMain.handlers.size, 0, 'the IPC handler is gone');
  });

  test('kiosk mode: kiosk window, closing it does nothing until the app quits', async (t) => {
    const dir = appDir(t);
    const f = fakeElectron(dir);
    await startShell(f.electron, {
      argv: ['/usr/bin/electron', dir, '--mode', 'kiosk'],
      env: { SPORTELLO_DATA_DIR: tempDir(t) },
      log: () => undefined,
    });
    const win = FakeBrowserWindow.created[0]!;
    assert.equal(win.options.kiosk, true);
    assert.equal(win.options.fullscreen, true);
    assert.equal(win.loadedUrl, 'app://sportello/index.html#mode=kiosk');
    const close = new FakeEvent();
    win.emit('close', close);
    assert.equal(close.defaultPrevented, true, 'Alt+F4 on a kiosk is ignored');
    await quit(f.app);
    const after = new FakeEvent();
    win.emit('close', after);
    assert.equal(after.defaultPrevented, false, 'once quitting, the window may close');
  });

  test('a second instance quits at once, starting nothing', async (t) => {
    const f = fakeElectron(appDir(t));
    f.app.lockGranted = false;
    const data = tempDir(t);
    await startShell(f.electron, { argv: ['/usr/bin/electron', '.'], env: { SPORTELLO_DATA_DIR: data }, log: () => undefined });
    assert.ok(f.app.calls.some((c) => c.name === 'quit'));
    assert.equal(FakeBrowserWindow.created.length, 0);
    assert.equal(existsSync(join(data, 'sportello.db')), false, 'no core was started');
  });

  test(
    '--autostart on writes the start-at-login entry and quits',
    { skip: process.platform !== 'linux' && 'XDG autostart is the Linux path' },
    async (t) => {
      const f = fakeElectron(appDir(t));
      const config = tempDir(t);
      await startShell(f.electron, {
        argv: ['/opt/sportello/sportello', '--autostart', 'on', '--mode', 'kiosk'],
        env: { SPORTELLO_DATA_DIR: tempDir(t), XDG_CONFIG_HOME: config },
        log: () => undefined,
      });
      const entry = readFileSync(join(config, 'autostart', 'sportello.desktop'), 'utf8');
      assert.match(entry, /^Exec=\S+ --mode kiosk$/m);
      assert.ok(f.app.calls.some((c) => c.name === 'quit'));
      assert.equal(FakeBrowserWindow.created.length, 0);
    },
  );
});
