/**
 * Start at login on Linux, where Electron's setLoginItemSettings does nothing: an XDG autostart
 * entry (`$XDG_CONFIG_HOME/autostart/sportello.desktop`), written only when a technician asks
 * (`--autostart on`) and removed with `--autostart off`. Windows and macOS use the login items
 * through the Electron shell instead (main/electron/login-item.ts).
 */
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const AUTOSTART_FILE_NAME = 'sportello.desktop';

export function autostartPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(base, 'autostart', AUTOSTART_FILE_NAME);
}

/**
 * One argument of an Exec key, per the Desktop Entry Specification: quoted when it holds a
 * reserved character, `"` `` ` `` `$` `\` backslash-escaped inside the quotes, `%` doubled (field
 * codes), and then every backslash doubled again for the string-value escape that is applied first.
 */
export function quoteExecArg(arg: string): string {
  if (/[\n\r\t]/.test(arg)) throw new RangeError('an autostart argument cannot hold control characters');
  const percent = arg.replace(/%/g, '%%');
  const needsQuotes = percent === '' || /[\s"'\\><~|&;$*?#()`]/.test(percent);
  const quoted = needsQuotes ? `"${percent.replace(/(["`$\\])/g, '\\$1')}"` : percent;
  return quoted.replace(/\\/g, '\\\\');
}

export function desktopEntry(command: readonly string[], comment = 'pagoPA counter and kiosk terminal'): string {
  if (command.length === 0) throw new RangeError('the autostart command is empty');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=sportello',
    `Comment=${comment}`,
    `Exec=${command.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes (atomically) or removes the entry; returns the file's path. */
export function setLinuxAutostart(enabled: boolean, command: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const file = autostartPath(env);
  if (!enabled) {
    rmSync(file, { force: true });
    return file;
  }
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, desktopEntry(command), { mode: 0o644 });
  chmodSync(tmp, 0o644);
  renameSync(tmp, file);
  return file;
}

export function linuxAutostartEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(autostartPath(env));
}
