// A stand-in for the parts of Electron the shell uses. The Electron binary cannot run on this
// machine (it is never downloaded here), so the shell's own code is exercised against these
// recorders instead: they keep what was registered and let a test fire events at it.
import { EventEmitter } from 'node:events';
import type { WindowOptions } from '../../main/electron/window-options';

export class FakeEvent {
  defaultPrevented = false;
  /** Navigation events carry the target in the event itself (Electron's details object). */
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  destroyed = false;
  mainFrame = new FakeFrame('about:blank');

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }
}

export class FakeSession extends EventEmitter {
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheck: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  devicePermission: ((details: unknown) => boolean) | null = null;
  headersListener:
    | ((
        details: { url: string; responseHeaders?: Record<string, string[]> },
        cb: (r: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void)
    | null = null;
  webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(h: FakeSession['permissionRequest']): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: FakeSession['devicePermission']): void {
    this.devicePermission = h;
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  readonly onChannels: string[] = [];
  handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string): void {
    this.onChannels.push(channel);
  }
  /** What an invoke from `frame` would get. */
  invoke(channel: string, frame: FakeFrame | null, message: unknown): Promise<unknown> {
    const fn = this.handlers.get(channel);
    if (!fn) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return Promise.resolve(fn({ senderFrame: frame, sender: new FakeContents() }, message));
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  lockGranted = true;
  readonly calls: Array<{ name: string; args: unknown[] }> = [];
  readonly exited: number[] = [];
  constructor(private readonly appPath: string) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push({ name: 'requestSingleInstanceLock', args: [] });
    return this.lockGranted;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getAppPath(): string {
    return this.appPath;
  }
  quit(): void {
    this.calls.push({ name: 'quit', args: [] });
  }
  exit(code = 0): void {
    this.exited.push(code);
  }
  relaunch(options?: unknown): void {
    this.calls.push({ name: 'relaunch', args: [options] });
  }
  setLoginItemSettings(settings: unknown): void {
    this.calls.push({ name: 'setLoginItemSettings', args: [settings] });
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeContents();
  loadedUrl: string | null = null;
  destroyed = false;
  shown = false;
  constructor(readonly options: WindowOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame = new FakeFrame(url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
}
