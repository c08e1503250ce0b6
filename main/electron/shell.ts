/**
 * The Electron shell, wired: one window on `app://sportello/`, the core in this (main) process,
 * the contract over IPC. Everything Electron comes in as `electron` (main.cjs passes the real
 * module), so this file imports only types from 'electron' and the pieces it wires can be tested
 * with fakes: window-options, csp, app-protocol, guards, ipc, crash-recovery, login-item.
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMain,
  Menu,
  Protocol,
  SafeStorage,
  Session,
  WebContents,
} from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_WATCH_MS, createCoreApi } from '../api/core-api';
import type { CoreApi } from '../api/core-api';
import { startCore } from '../core/core';
import type { Core } from '../core/core';
import { toContractError } from '../contract/result';
import { startServer } from '../server';
import { parseShellArgs, resolveMode } from '../shell/mode';
import type { AppMode } from '../shell/mode';
import { APP_ORIGIN, APP_SCHEME, appFileHandler } from './app-protocol';
import { installCrashRecovery, withoutCrashHistory } from './crash-recovery';
import { installCsp } from './csp';
import { guardContents, guardSession } from './guards';
import { registerIpc } from './ipc';
import { setStartAtLogin } from './login-item';
import { electronSecretStore } from './safe-storage';
import { dataDir } from '../config';
import type { SecretStore } from '../shell/secret-store';
import { windowOptions, windowUrl } from './window-options';

/** What the shell uses of the `electron` module. */
export interface ElectronApi {
  app: App;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  ipcMain: IpcMain;
  Menu: { setApplicationMenu(menu: Menu | null): void };
  protocol: Pick<Protocol, 'handle'>;
  safeStorage: SafeStorage;
  session: { defaultSession: Session };
}

export interface ShellOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** process.resourcesPath in a packaged app. */
  resourcesPath?: string;
  log?: (line: string) => void;
}

const here = dirname(fileURLToPath(import.meta.url));
export const PRELOAD_PATH = join(here, 'preload.cjs');

/** The built renderer: next to the app in development, in resources/ once packaged (electron-builder.yml). */
export function rendererDir(app: Pick<App, 'isPackaged' | 'getAppPath'>, resourcesPath: string | undefined): string {
  return app.isPackaged && resourcesPath ? join(resourcesPath, 'renderer') : join(app.getAppPath(), 'dist', 'renderer');
}

export async function startShell(electron: ElectronApi, opts: ShellOptions): Promise<void> {
  const { app } = electron;
  const log = opts.log ?? ((line: string) => console.error(`sportello: ${line}`));
  const args = parseShellArgs(opts.argv.slice(1), opts.env);

  if (!app.requestSingleInstanceLock()) {
    log('already running: the open window was brought to the front');
    app.quit();
    return;
  }
  electron.Menu.setApplicationMenu(null);
  // Every web contents, whatever creates it, gets the same guards (a missed one is a hole).
  app.on('web-contents-created', (_event, contents: WebContents) => guardContents(contents, log));
  await app.whenReady();

  if (args.autostart) {
    const extra = args.mode ? ['--mode', args.mode] : [];
    const where = setStartAtLogin(app, args.autostart === 'on', {
      platform: process.platform,
      execPath: process.execPath,
      args: extra,
      env: opts.env,
    });
    log(`start at login ${args.autostart === 'on' ? 'enabled' : 'disabled'} (${where})`);
    app.quit();
    return;
  }

  const ses = electron.session.defaultSession;
  guardSession(ses);
  installCsp(ses);
  const screens = rendererDir(app, opts.resourcesPath);
  if (!existsSync(join(screens, 'index.html')))
    log(
      `the screens are not built (${screens} has no index.html): npm start builds them, or run npx vite build --config renderer/vite.config.ts`,
    );
  electron.protocol.handle(APP_SCHEME, appFileHandler(screens));

  let core: Core;
  let secrets: SecretStore;
  try {
    // The secret store comes first: with the OS keyring the config file holds only placeholders.
    secrets = await electronSecretStore(electron.safeStorage, dataDir(opts.env));
    core = await startCore({ env: opts.env, secrets });
  } catch (e) {
    log(`cannot start: ${toContractError(e).message}`);
    app.exit(1);
    return;
  }
  const api: CoreApi = createCoreApi(core, { watchNodeEveryMs: NODE_WATCH_MS, devices: true, printing: true });
  if (secrets.warning) log(secrets.warning);
  if (core.mode === 'demo') log(`demo mode: no configuration, paying against the built-in node simulator at ${core.sim?.url ?? '?'}`);
  const mode: AppMode = resolveMode(args.mode, core.config.terminal.kind);
  // The loopback API, without screens, so `sportello` commands talk to this core (main/cli/remote.ts)
  // instead of waiting for the database it holds; without it they say DB_IN_USE, nothing worse.
  const cliServer = await startServer({ api, publishTo: core.dataDir }).catch((e: unknown) => {
    log(`the sportello command cannot reach this terminal: ${toContractError(e).message}`);
    return null;
  });

  let window: BrowserWindow | null = null;
  let quitting = false;
  const stopIpc = registerIpc(electron.ipcMain, api, () => (window && !window.isDestroyed() ? [window.webContents] : []));

  const openWindow = (): void => {
    const win = new electron.BrowserWindow(windowOptions({ mode, preload: PRELOAD_PATH }));
    win.once('ready-to-show', () => win.show());
    // A kiosk window is closed by quitting the app only (Alt+F4 included).
    if (mode === 'kiosk') win.on('close', (event) => !quitting && event.preventDefault());
    win.on('closed', () => {
      if (window === win) window = null;
    });
    window = win;
    void win.loadURL(windowUrl(APP_ORIGIN, mode));
  };

  let closing: Promise<void> | null = null;
  const shutdown = (): Promise<void> =>
    (closing ??= (async () => {
      quitting = true;
      stopIpc();
      await cliServer?.close();
      api.close();
      await api.closed(); // the scanners' ports released
      await core.close();
    })());

  installCrashRecovery(app, {
    argv: opts.argv,
    log,
    restartWindow: () => {
      // The new window first, so 'window-all-closed' never sees zero windows and quits.
      const old = window;
      openWindow();
      if (old && !old.isDestroyed()) old.destroy();
    },
    relaunchApp: (extra) => {
      app.relaunch({ args: [...withoutCrashHistory(opts.argv.slice(1)), ...extra] });
      void shutdown().finally(() => app.exit(0));
    },
    giveUp: () => void shutdown().finally(() => app.exit(1)),
  });

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (closing) return;
    event.preventDefault();
    void shutdown().finally(() => app.quit());
  });

  openWindow();
}
