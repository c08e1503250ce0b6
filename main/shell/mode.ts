/**
 * Which screen set a shell opens and the few flags both shells (Electron and browser-kiosk) read.
 * `--mode` wins over `SPORTELLO_MODE`, which wins over the terminal kind in the configuration, so
 * a technician can open the technician screens on a kiosk without editing its config.
 */
import { SportelloError } from '../../kernel/errors';

export const APP_MODES = ['counter', 'kiosk', 'technician'] as const;
export type AppMode = (typeof APP_MODES)[number];

export class ShellArgsInvalid extends SportelloError {
  constructor(message: string) {
    super('SHELL_ARGS_INVALID', message);
  }
}

export function isAppMode(value: unknown): value is AppMode {
  return typeof value === 'string' && (APP_MODES as readonly string[]).includes(value);
}

export interface ShellArgs {
  /** null: not given, use the configuration's terminal kind. */
  mode: AppMode | null;
  /** `--autostart on|off`: write or remove the start-at-login entry, then exit. */
  autostart: 'on' | 'off' | null;
  /** `--browser-kiosk`: skip Electron even where it could run. */
  browserKiosk: boolean;
  /** `--port N` for browser-kiosk mode (0 = any free port). */
  port: number;
  /** Arguments neither shell knows (Chromium's own switches, for instance): passed through untouched. */
  rest: string[];
}

/** Reads `--name value` and `--name=value`. */
function valueOf(argv: readonly string[], i: number, name: string): { value: string; used: number } | null {
  const arg = argv[i]!;
  if (arg === `--${name}`) {
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new ShellArgsInvalid(`--${name} needs a value`);
    return { value, used: 2 };
  }
  if (arg.startsWith(`--${name}=`)) return { value: arg.slice(name.length + 3), used: 1 };
  return null;
}

export function parseShellArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ShellArgs {
  const out: ShellArgs = { mode: null, autostart: null, browserKiosk: false, port: 0, rest: [] };
  const envMode = env.SPORTELLO_MODE?.trim();
  if (envMode) {
    if (!isAppMode(envMode))
      throw new ShellArgsInvalid(`SPORTELLO_MODE must be one of ${APP_MODES.join(', ')} (got ${JSON.stringify(envMode)})`);
    out.mode = envMode;
  }
  for (let i = 0; i < argv.length;) {
    const mode = valueOf(argv, i, 'mode');
    if (mode) {
      if (!isAppMode(mode.value)) throw new ShellArgsInvalid(`--mode must be one of ${APP_MODES.join(', ')}`);
      out.mode = mode.value;
      i += mode.used;
      continue;
    }
    const autostart = valueOf(argv, i, 'autostart');
    if (autostart) {
      if (autostart.value !== 'on' && autostart.value !== 'off') throw new ShellArgsInvalid('--autostart must be on or off');
      out.autostart = autostart.value;
      i += autostart.used;
      continue;
    }
    const port = valueOf(argv, i, 'port');
    if (port) {
      if (!/^\d{1,5}$/.test(port.value) || Number(port.value) > 65_535)
        throw new ShellArgsInvalid('--port must be a port number (0 = any)');
      out.port = Number(port.value);
      i += port.used;
      continue;
    }
    if (argv[i] === '--browser-kiosk') {
      out.browserKiosk = true;
      i += 1;
      continue;
    }
    out.rest.push(argv[i]!);
    i += 1;
  }
  return out;
}

/** The mode to open: what was asked for, else what the terminal is configured as. */
export function resolveMode(asked: AppMode | null, terminalKind: 'counter' | 'kiosk'): AppMode {
  return asked ?? terminalKind;
}
