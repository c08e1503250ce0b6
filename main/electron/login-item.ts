/**
 * Start at login, only when a technician asks for it (`--autostart on|off`). Windows and macOS have
 * login items (app.setLoginItemSettings); Linux has none in Electron, so an XDG autostart entry is
 * written instead, pointing at the AppImage when running from one (process.execPath is then inside
 * a temporary mount that is gone after a reboot).
 */
import type { App } from 'electron';
import { setLinuxAutostart } from '../shell/autostart';

export interface LoginItemTarget {
  platform: NodeJS.Platform;
  execPath: string;
  /** Arguments to start with (the mode, for instance). */
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** Returns where the setting now lives, for the log line. */
export type LoginItemApp = Pick<App, 'setLoginItemSettings'>;

export function setStartAtLogin(app: LoginItemApp, enabled: boolean, target: LoginItemTarget): string {
  if (target.platform === 'linux') {
    const exe = target.env.APPIMAGE || target.execPath;
    return setLinuxAutostart(enabled, [exe, ...target.args], target.env);
  }
  app.setLoginItemSettings({ openAtLogin: enabled, path: target.execPath, args: target.args });
  return target.platform === 'darwin' ? 'macOS login items' : 'Windows login items (Run key)';
}
