/**
 * A printer on a serial line (RS-232, or USB through a serial adapter) via serialport. 8N1 at
 * the target's baud; flow control stays off because XON/XOFF bytes would collide with raster data
 * and most receipt printers ship with hardware flow control wired but not required.
 */
import { SerialPort } from 'serialport';
import { TransportClosed } from '../errors';
import type { PrinterTarget } from '../target';
import type { PrinterTransport } from '../transport';
import { Inbox } from './inbox';

export async function openSerial(target: Extract<PrinterTarget, { kind: 'serial' }>): Promise<PrinterTransport> {
  const port = new SerialPort({ path: target.path, baudRate: target.baud, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  const inbox = new Inbox();
  port.on('data', (chunk: Buffer) => inbox.push(chunk));
  // serialport reports a pulled adapter as `close` with err.disconnected, or as a write error
  port.on('close', (err: unknown) => inbox.fail(new TransportClosed('serial line closed', err ?? undefined)));
  port.on('error', (err: Error) => inbox.fail(new TransportClosed('serial line failed', err)));

  return {
    target,
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (!port.isOpen) return reject(new TransportClosed('serial line closed'));
        port.write(Buffer.from(bytes), (err) => {
          if (err) return reject(err);
          port.drain((drainErr) => (drainErr ? reject(drainErr) : resolve()));
        });
      }),
    read: (n, timeoutMs) => inbox.read(n, timeoutMs),
    close: async () => {
      inbox.fail(new TransportClosed('serial transport closed'));
      if (!port.isOpen) return;
      await new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}
