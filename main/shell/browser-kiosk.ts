/**
 * Browser-kiosk mode: the same screens as the Electron shell, served by the core itself. Starts the
 * core (configured, or demo mode with its own simulator), the contract API and the loopback server
 * (127.0.0.1 only, a fresh token, strict CSP) serving the built renderer (dist/renderer). The URL
 * it returns opens the app in its mode with the token in the fragment, which the browser never
 * sends to a server. `npm start` uses it when Electron cannot run; the end-to-end tests use it with
 * a fresh data dir each.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore } from '../core/core';
import type { Core } from '../core/core';
import { NODE_WATCH_MS, createCoreApi } from '../api/core-api';
import type { CoreApi, CoreApiOptions } from '../api/core-api';
import { SportelloError } from '../../kernel/errors';
import { startServer } from '../server';
import type { LoopbackServer } from '../server';

export type KioskMode = 'counter' | 'kiosk' | 'technician';
/** The three screens one core serves, each at its own launch address. */
export const KIOSK_MODES: readonly KioskMode[] = ['counter', 'kiosk', 'technician'];

/** The built screens, next to the sources: <app>/dist/renderer. */
export const RENDERER_DIR = resolve(fileURLToPath(new URL('../../dist/renderer', import.meta.url)));

export class RendererNotBuilt extends SportelloError {
  declare readonly code: 'RENDERER_NOT_BUILT';
  constructor(dir: string) {
    super(
      'RENDERER_NOT_BUILT',
      `the screens are not built (${dir} has no index.html): run npx vite build --config renderer/vite.config.ts`,
      { details: { dir } },
    );
  }
}

export interface BrowserKioskOptions {
  /** What the core reads (SPORTELLO_DATA_DIR, SPORTELLO_CONFIG; SPORTELLO_MODE picks the mode). */
  env?: NodeJS.ProcessEnv;
  /** Loopback port; 0 or absent = any free port. */
  port?: number;
  /** Default: SPORTELLO_MODE, else the configured terminal kind. */
  mode?: KioskMode;
  /** Where the built renderer is; default RENDERER_DIR. */
  staticDir?: string;
  /** The outbox's retry slot (SANP's 15 s); tests shorten it so a recovery shows in seconds. */
  retrySlotMs?: number;
  /** The device service's listing and drivers (tests); the system's otherwise. */
  devices?: Exclude<CoreApiOptions['devices'], boolean | undefined>;
  /** The print service's status poll (tests shorten it); on, every 5 s, otherwise. */
  printing?: Exclude<CoreApiOptions['printing'], boolean | undefined>;
}

export interface BrowserKiosk {
  /** http://127.0.0.1:<port>/#token=<token>&mode=<mode>: what the browser opens. */
  url: string;
  mode: KioskMode;
  core: Core;
  api: CoreApi;
  server: LoopbackServer;
  /** Stops the server (no new calls), the API's listeners, then the core (outbox, database, simulator). */
  close(): Promise<void>;
}

export function launchUrl(server: Pick<LoopbackServer, 'url' | 'token'>, mode: KioskMode): string {
  return `${server.url}/#${new URLSearchParams({ token: server.token, mode }).toString()}`;
}

export async function startBrowserKiosk(opts: BrowserKioskOptions = {}): Promise<BrowserKiosk> {
  const env = opts.env ?? process.env;
  const staticDir = opts.staticDir ?? RENDERER_DIR;
  if (!existsSync(join(staticDir, 'index.html'))) throw new RendererNotBuilt(staticDir);
  const core = await startCore({ env, ...(opts.retrySlotMs ? { retrySlotMs: opts.retrySlotMs } : {}) });
  const api = createCoreApi(core, { watchNodeEveryMs: NODE_WATCH_MS, devices: opts.devices ?? true, printing: opts.printing ?? true });
  let server: LoopbackServer;
  try {
    server = await startServer({ api, port: opts.port ?? 0, staticDir, publishTo: core.dataDir });
  } catch (e) {
    api.close();
    await core.close();
    throw e;
  }
  const fromEnv = env.SPORTELLO_MODE;
  const mode: KioskMode = opts.mode ?? (KIOSK_MODES.includes(fromEnv as KioskMode) ? (fromEnv as KioskMode) : core.config.terminal.kind);
  let closing: Promise<void> | null = null;
  return {
    url: launchUrl(server, mode),
    mode,
    core,
    api,
    server,
    close() {
      closing ??= (async () => {
        await server.close();
        api.close();
        await api.closed(); // the scanners' ports released before the core goes
        await core.close();
      })();
      return closing;
    },
  };
}
