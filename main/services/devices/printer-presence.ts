/**
 * Is the chosen printer there? Device targets (serial lines, USB printer class nodes) are looked
 * for and opened for access by the OS's rules, without a byte sent: a status request (DLE EOT)
 * could land in the middle of a job. A file target is ready when its directory takes files. A
 * network printer is not probed (many take one connection at a time): its status is `unknown`.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseTarget } from '../../../drivers/printer/index';
import type { DeviceState } from '../../contract/events';

export interface Presence {
  status: DeviceState;
  problem?: { code: 'not-found' | 'permission-denied' | 'io-error'; fix?: string };
}

/** The groups Debian gives printer device nodes; membership applies to new login sessions. */
const GROUP_FIX = {
  serial: 'sudo usermod -aG dialout $USER ; then log out and back in',
  usb: 'sudo usermod -aG lp $USER ; then log out and back in',
} as const;

export async function printerPresence(targetText: string): Promise<Presence> {
  let target;
  try {
    target = parseTarget(targetText);
  } catch {
    return { status: 'unknown' }; // a pdf: or svg: output: a document, no device
  }
  switch (target.kind) {
    case 'tcp':
      return { status: 'unknown' };
    case 'file':
      return (await accessCode(dirname(target.path), constants.W_OK)) === null
        ? { status: 'ready' }
        : { status: 'error', problem: { code: 'io-error' } };
    case 'serial':
    case 'usb': {
      const code = await accessCode(target.path, constants.R_OK | constants.W_OK);
      if (code === null) return { status: 'ready' };
      if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') return { status: 'disconnected', problem: { code: 'not-found' } };
      if (code === 'EACCES' || code === 'EPERM')
        return { status: 'permission-denied', problem: { code: 'permission-denied', fix: GROUP_FIX[target.kind] } };
      return { status: 'error', problem: { code: 'io-error' } };
    }
  }
}

async function accessCode(path: string, mode: number): Promise<string | null> {
  try {
    await access(path, mode);
    return null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'EIO';
  }
}
