/**
 * The one interface every printer connection implements, and the opener that picks the
 * implementation from a target. A transport is opened for one job and closed after it: that is
 * how a replugged USB printer or a restarted network printer is picked up without any watcher.
 */
import { missingCase } from '../../kernel/errors';
import type { PrinterTarget } from './target';
import { openSerial } from './transports/serial';
import { openSpoolFile } from './transports/spool-file';
import { openTcp } from './transports/tcp';
import { openUsbDevice } from './transports/usb-device';

export interface PrinterTransport {
  readonly target: PrinterTarget;
  /** resolves once the bytes are handed to the operating system */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Exactly `n` bytes from the printer, or TransportReadTimeout / TransportClosed.
   * Absent when the transport cannot read back (a spool file): status is then 'unknown'.
   */
  read?(n: number, timeoutMs: number): Promise<Uint8Array>;
  /** idempotent; pending reads fail with TransportClosed */
  close(): Promise<void>;
}

export type TransportOpener = (target: PrinterTarget) => Promise<PrinterTransport>;

export const openTransport: TransportOpener = async (target) => {
  switch (target.kind) {
    case 'serial':
      return openSerial(target);
    case 'tcp':
      return openTcp(target);
    case 'usb':
      return openUsbDevice(target);
    case 'file':
      return openSpoolFile(target);
    default:
      return missingCase(target);
  }
};
