/**
 * Can Electron run here, and where is it? Answered from files only, never by `require('electron')`:
 * that require downloads the binary when it is missing (a blocking network fetch, which this kind
 * of machine refuses slowly), and `npm start` must decide within moments. The lookup mirrors the
 * electron package's own (node_modules/electron/index.js: path.txt names the executable inside
 * dist/, ELECTRON_OVERRIDE_DIST_PATH replaces dist/) without the download.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronLookup = { ok: true; path: string } | { ok: false; reason: string };

export function findElectron(
  appDir: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ElectronLookup {
  if (env.SPORTELLO_NO_ELECTRON === '1') return { ok: false, reason: 'SPORTELLO_NO_ELECTRON=1' };
  const pkg = join(appDir, 'node_modules', 'electron');
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && !existsSync(join(pkg, 'package.json'))) return { ok: false, reason: 'the electron package is not installed' };
  let executable = '';
  try {
    executable = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    if (!override) return { ok: false, reason: "Electron's binary was never downloaded (node_modules/electron/path.txt is missing)" };
  }
  const path = override ? join(override, executable || 'electron') : join(pkg, 'dist', executable);
  if (!existsSync(path)) return { ok: false, reason: `Electron's binary is missing (${path})` };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { ok: false, reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  return { ok: true, path };
}
