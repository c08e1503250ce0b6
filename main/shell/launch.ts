/**
 * `npm start`: Electron where it can run, browser-kiosk mode where it cannot (as on a build
 * machine without Electron's binary or a display). In order:
 * 1. `--autostart on|off`: write or remove the Linux start-at-login entry, then stop;
 * 2. build the screens if dist/renderer is missing or older than renderer/;
 * 3. Electron, unless `--browser-kiosk`: found from files (electron-binary.ts), started with the
 *    same arguments; if it dies within moments, on to 4;
 * 4. browser-kiosk mode: one line says why, the core and its loopback server start
 *    (browser-kiosk.ts), Chromium opens the app (`--app`, or `--kiosk` in kiosk mode) if one is
 *    installed and a display exists (SPORTELLO_NO_BROWSER=1 skips it), and the URL is printed.
 * Runs until the browser window closes or SIGINT/SIGTERM, then closes everything in order.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toContractError } from '../contract/result';
import { dataDir } from '../config';
import { setLinuxAutostart } from './autostart';
import { browserArgs, findBrowser, openBrowser, writeLaunchPage } from './browser-open';
import { findElectron } from './electron-binary';
import { runElectron } from './electron-run';
import { parseShellArgs } from './mode';
import type { ShellArgs } from './mode';
import { ensureRendererBuilt } from './renderer-build';

export const APP_DIR = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface LaunchOptions {
  argv: readonly string[];
  env?: NodeJS.ProcessEnv;
  appDir?: string;
  /** Lines for the person who started it (stdout). */
  out?: (line: string) => void;
  /** Progress and problems (stderr). */
  err?: (line: string) => void;
}

export async function launch(opts: LaunchOptions): Promise<number> {
  const env = opts.env ?? process.env;
  const appDir = opts.appDir ?? APP_DIR;
  const out = opts.out ?? ((line: string) => console.log(line));
  const err = opts.err ?? ((line: string) => console.error(`sportello: ${line}`));

  let args: ShellArgs;
  try {
    args = parseShellArgs(opts.argv, env);
  } catch (e) {
    err(`${(e as Error).message}\nusage: npm start -- [--mode counter|kiosk|technician] [--browser-kiosk] [--port N] [--autostart on|off]`);
    return 2;
  }

  if (args.autostart) {
    if (process.platform !== 'linux') {
      err('start at login on Windows and macOS is set by the installed app: run it with --autostart on|off');
      return 2;
    }
    const command = [process.execPath, join(appDir, 'bin', 'start.mjs'), ...(args.mode ? ['--mode', args.mode] : [])];
    const file = setLinuxAutostart(args.autostart === 'on', command, env);
    out(`start at login ${args.autostart === 'on' ? `enabled: ${file}` : `disabled (${file} removed)`}`);
    return 0;
  }

  try {
    ensureRendererBuilt(appDir, err);
  } catch (e) {
    err((e as Error).message);
    return 1;
  }

  let reason = '--browser-kiosk was given';
  if (!args.browserKiosk) {
    const electron = findElectron(appDir, env);
    if (electron.ok) {
      const passed = [...(args.mode ? ['--mode', args.mode] : []), ...args.rest];
      const run = await runElectron({ executable: electron.path, appDir, args: passed, env });
      if (run.kind === 'exited') return run.code;
      reason = run.reason;
    } else {
      reason = electron.reason;
    }
  }
  return browserKiosk(args, env, reason, out, err);
}

async function browserKiosk(
  args: ShellArgs,
  env: NodeJS.ProcessEnv,
  reason: string,
  out: (l: string) => void,
  err: (l: string) => void,
): Promise<number> {
  out(`Electron cannot run here (${reason}): starting in browser-kiosk mode`);
  // Listening before anything starts, so a signal during start-up still closes what was started.
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((r) => (finish = r));
  const onSignal = (signal: NodeJS.Signals) => {
    err(`${signal}: stopping`);
    finish(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await serveUntilDone(args, env, out, err, finished, finish);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function serveUntilDone(
  args: ShellArgs,
  env: NodeJS.ProcessEnv,
  out: (l: string) => void,
  err: (l: string) => void,
  finished: Promise<number>,
  finish: (code: number) => void,
): Promise<number> {
  const { startBrowserKiosk, launchUrl, KIOSK_MODES } = await import('./browser-kiosk');
  let kiosk;
  try {
    kiosk = await startBrowserKiosk({ env, port: args.port, ...(args.mode ? { mode: args.mode } : {}) });
  } catch (e) {
    err(`cannot start: ${toContractError(e).message}`);
    return 1;
  }
  const { core } = kiosk;
  if (core.mode === 'demo') out(`demo mode: no configuration, paying against the built-in node simulator at ${core.sim?.url ?? '?'}`);
  else
    err(
      'warning: browser-kiosk mode has no OS keyring: the node secrets are protected only by file permissions (readable by this user only)',
    );
  out(`open: ${kiosk.url}`);
  for (const m of KIOSK_MODES.filter((x) => x !== kiosk.mode)) out(`  ${m.padEnd(10)} ${launchUrl(kiosk.server, m)}`);
  if (core.mode === 'demo' && core.sim) for (const line of sampleNotices(core.sim.positions())) out(line);

  const browser = env.SPORTELLO_NO_BROWSER === '1' ? null : hasDisplay(env) ? findBrowser(env) : null;
  if (!browser) out(`no browser opened (${noBrowserReason(env)}): open the address above in a browser on this machine`);
  let child: ReturnType<typeof openBrowser> | null = null;
  if (browser) {
    const profile = join(dataDir(env), 'browser-kiosk');
    const page = writeLaunchPage(profile, kiosk.url);
    child = openBrowser(browser, browserArgs(page, kiosk.mode, join(profile, 'profile'), process.getuid?.() === 0), env);
    // The window is the app: closing it stops the core too, as closing Electron's would.
    child.on('exit', () => finish(0));
  }

  const code = await finished;
  if (child && child.exitCode === null) child.kill('SIGTERM');
  await kiosk.close();
  return code;
}

/** In demo mode, a few notices the built-in node will take, as text to paste into the notice field. */
function sampleNotices(
  positions: ReadonlyArray<{ state: string; qrText: string; label?: string | null; paymentDescription: string }>,
): string[] {
  const payable = positions.filter((p) => p.state === 'payable').slice(0, 4);
  if (payable.length === 0) return ['no sample notice is payable any more: `npx sportello demo reset --confirm` starts the demo again'];
  return ['sample notices (paste one into the notice field):', ...payable.map((p) => `  ${p.qrText}   ${p.label ?? p.paymentDescription}`)];
}

function noBrowserReason(env: NodeJS.ProcessEnv): string {
  if (env.SPORTELLO_NO_BROWSER === '1') return 'SPORTELLO_NO_BROWSER=1';
  if (!hasDisplay(env)) return 'no display: DISPLAY and WAYLAND_DISPLAY are unset';
  return 'no Chromium found on PATH';
}

function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  return process.platform !== 'linux' || !!env.DISPLAY || !!env.WAYLAND_DISPLAY;
}
