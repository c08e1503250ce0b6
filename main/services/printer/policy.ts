/**
 * Where the terminal may print: a printer device (USB printer class `/dev/usb/lp*`, serial ports
 * `/dev/tty*`, `/dev/serial/by-id/*`, `COMn`), a network printer (`tcp:host:port`), or a file directly
 * inside ONE spool directory the technician sets (default `<dataDir>/spool`). Anything else
 * (`file:/any/path`, `pdf:/abs/x.pdf`, `svg:../../x.svg`, a symlink in the spool pointing out of it, a
 * device that is not a printer) is refused with PRINTER_TARGET_REFUSED and the reason. Checked when
 * the printer is chosen, by the test print, and again at print time (the setting or the file system
 * may have changed since).
 */
import { lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { SportelloDatabase } from '../../../db';
import { parseOutput } from '../../../drivers/certificate/index';
import type { OutputTarget } from '../../../drivers/certificate/index';
import { SportelloError } from '../../../kernel/errors';

export const SPOOL_SETTING = 'devices.spoolDir';

export type RefusalReason =
  'not-a-printer-device' | 'outside-spool' | 'bad-file-name' | 'symlink' | 'not-a-regular-file' | 'spool-not-absolute' | 'spool-unsafe';

export class PrinterTargetRefused extends SportelloError {
  declare readonly code: 'PRINTER_TARGET_REFUSED';
  constructor(target: string, reason: RefusalReason, explanation: string) {
    super('PRINTER_TARGET_REFUSED', `printer target ${JSON.stringify(target.slice(0, 200))} refused: ${explanation}`, {
      details: { target: target.slice(0, 512), reason, messageKey: `app:printerRefused.${reason}` },
    });
  }
}

/** USB printer class and serial ports, by their usual device names (Linux, macOS, Windows). */
const USB_PRINTER = /^\/dev\/(?:usb\/)?lp\d+$/;
const SERIAL_PORT = /^(?:\/dev\/tty[A-Za-z]*\d+|\/dev\/serial\/by-(?:id|path)\/[^/]+|\/dev\/cu\.[\w.-]+|COM\d{1,3})$/i;
/** A spool file's name: no directories, no leading dot, nothing a shell or a viewer would read twice. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The spool directory in force: the technician's, else `<dataDir>/spool`. */
export function spoolDir(db: Pick<SportelloDatabase, 'settings'>, dataDir: string): string {
  const set = db.settings.get(SPOOL_SETTING);
  return typeof set === 'string' && isAbsolute(set) ? set : join(dataDir, 'spool');
}

/** Creates it (0700) if missing; refuses a path that is not absolute, not a directory, not ours or writable by others. */
export function ensureSpoolDir(dir: string): string {
  if (!isAbsolute(dir)) throw new PrinterTargetRefused(dir, 'spool-not-absolute', 'the spool directory must be an absolute path');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  const mine = typeof process.getuid !== 'function' || st.uid === process.getuid();
  if (!st.isDirectory() || !mine || (st.mode & 0o022) !== 0) {
    throw new PrinterTargetRefused(
      dir,
      'spool-unsafe',
      'the spool directory must be a real directory of this user, not writable by others',
    );
  }
  return realpathSync(dir);
}

function checkDevice(path: string, pattern: RegExp, target: string): void {
  if (!pattern.test(path))
    throw new PrinterTargetRefused(
      target,
      'not-a-printer-device',
      'only printer devices (/dev/usb/lp*, serial ports) may be printed to directly',
    );
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return; // not plugged in now: the print itself will say PRINTER_UNAVAILABLE
  }
  // /dev/serial/by-id/... is a link to the port: what it points at must be a device of the same kind.
  if (real !== path && !pattern.test(real))
    throw new PrinterTargetRefused(target, 'not-a-printer-device', `${path} leads to ${real}, which is not a printer device`);
  if (!statSync(real).isCharacterDevice()) throw new PrinterTargetRefused(target, 'not-a-printer-device', `${path} is not a device`);
}

function checkSpoolFile(path: string, spool: string, target: string, extension: string | null): void {
  const root = ensureSpoolDir(spool);
  const abs = resolve(root, path);
  const rel = relative(root, abs);
  // Symlinked spool paths: compare against both the spool as given and as resolved.
  const relGiven = relative(resolve(spool), abs);
  const direct = (r: string) => r !== '' && !r.startsWith('..') && !isAbsolute(r) && dirname(r) === '.';
  if (!direct(rel) && !direct(relGiven))
    throw new PrinterTargetRefused(target, 'outside-spool', `files are written only directly inside the spool directory ${root}`);
  const name = basename(abs);
  if (!FILE_NAME.test(name) || (extension && !name.toLowerCase().endsWith(extension))) {
    throw new PrinterTargetRefused(
      target,
      'bad-file-name',
      `a spool file name is letters, digits, dot, dash and underscore, not starting with a dot${extension ? `, ending in ${extension}` : ''}`,
    );
  }
  const file = join(root, name);
  let st;
  try {
    st = lstatSync(file);
  } catch {
    return; // will be created
  }
  if (st.isSymbolicLink()) throw new PrinterTargetRefused(target, 'symlink', 'a spool file may not be a symbolic link');
  if (!st.isFile()) throw new PrinterTargetRefused(target, 'not-a-regular-file', 'a spool file must be a regular file');
}

/** Throws PRINTER_TARGET_REFUSED unless the output is allowed; returns it with spool paths made canonical. */
export function checkOutput(output: OutputTarget, spool: string, text: string): OutputTarget {
  switch (output.kind) {
    case 'pdf':
    case 'svg':
      checkSpoolFile(output.path, spool, text, `.${output.kind}`);
      return { kind: output.kind, path: join(ensureSpoolDir(spool), basename(output.path)) };
    case 'printer': {
      const t = output.target;
      if (t.kind === 'tcp') return output;
      if (t.kind === 'usb') checkDevice(t.path, USB_PRINTER, text);
      else if (t.kind === 'serial') checkDevice(t.path, SERIAL_PORT, text);
      else {
        checkSpoolFile(t.path, spool, text, null);
        return { kind: 'printer', target: { kind: 'file', path: join(ensureSpoolDir(spool), basename(t.path)) } };
      }
      return output;
    }
  }
}

/** A target as typed (`pdf:x.pdf` and `svg:x.svg` relative to the spool), parsed and checked. */
export function allowedOutput(text: string, spool: string): OutputTarget {
  return checkOutput(parseOutput(text, resolve(spool)), spool, text);
}
