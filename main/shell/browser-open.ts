/**
 * Browser-kiosk mode's window: Chromium as an app window (`--app`) or, on a kiosk, full screen
 * without any browser UI (`--kiosk`), in a profile of its own so it is a process we start and see
 * end. The URL carries the server token in its fragment; a command line is readable by every
 * user of the machine (/proc/<pid>/cmdline), so Chromium is pointed at a small page in the user's
 * data dir (mode 0600) that forwards to the URL instead.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppMode } from './mode';

export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

/** The first Chromium on PATH, or null. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of BROWSER_NAMES) {
      const p = join(dir, name);
      try {
        accessSync(p, constants.X_OK);
        return p;
      } catch {
        // not here
      }
    }
  }
  return null;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Writes the forwarding page (0600) and returns its file:// URL. */
export function writeLaunchPage(dir: string, url: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'launch.html');
  const html = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${escapeAttr(url)}"><title>sportello</title>\n`;
  writeFileSync(file, html, { mode: 0o600 });
  chmodSync(file, 0o600);
  return pathToFileURL(file).href;
}

export function browserArgs(target: string, mode: AppMode | null, profileDir: string, runningAsRoot: boolean): string[] {
  return [
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate',
    // Chromium refuses to start as root with its sandbox: the only way it runs there at all.
    ...(runningAsRoot ? ['--no-sandbox'] : []),
    ...(mode === 'kiosk' ? ['--kiosk', target] : [`--app=${target}`]),
  ];
}

export function openBrowser(executable: string, args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(executable, args, { env, stdio: 'ignore' });
  child.on('error', () => undefined); // reported through 'exit'/'close' by the caller
  return child;
}
