/**
 * A USB printer through the kernel's printer class driver (usblp): /dev/usb/lpN is read and written
 * like a file. It is opened non-blocking so that a printer that never answers a status request
 * cannot park a libuv worker thread; reads and full buffers are polled instead. A pulled cable
 * shows as ENODEV/EIO on the next call, and the node disappears.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { TransportClosed, TransportReadTimeout } from '../errors';
import type { PrinterTarget } from '../target';
import type { PrinterTransport } from '../transport';

const POLL_MS = 10;
const GONE = new Set(['EIO', 'ENODEV', 'ENXIO', 'EBADF']);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function openUsbDevice(target: Extract<PrinterTarget, { kind: 'usb' }>): Promise<PrinterTransport> {
  // O_NOCTTY: the same code drives a tty in tests, which must not become our controlling terminal
  const handle: FileHandle = await open(target.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
  let closed = false;

  const guard = (err: unknown): never => {
    if (closed) throw new TransportClosed('usb transport closed', err);
    if (GONE.has(codeOf(err))) throw new TransportClosed('usb printer went away', err);
    throw err;
  };

  return {
    target,
    write: async (bytes) => {
      let at = 0;
      while (at < bytes.length) {
        if (closed) throw new TransportClosed('usb transport closed');
        try {
          const { bytesWritten } = await handle.write(bytes, at, bytes.length - at);
          at += bytesWritten;
        } catch (err) {
          if (codeOf(err) === 'EAGAIN') await sleep(POLL_MS);
          else guard(err);
        }
      }
    },
    read: async (n, timeoutMs) => {
      const out = new Uint8Array(n);
      let got = 0;
      const deadline = Date.now() + timeoutMs;
      while (got < n) {
        if (closed) throw new TransportClosed('usb transport closed');
        let count = 0;
        try {
          ({ bytesRead: count } = await handle.read(out, got, n - got, null));
        } catch (err) {
          if (codeOf(err) !== 'EAGAIN') guard(err);
        }
        got += count;
        if (got >= n) break;
        // usblp returns 0 bytes (not EAGAIN) when the printer has nothing to say
        if (Date.now() >= deadline) throw new TransportReadTimeout(n, got, timeoutMs);
        if (count === 0) await sleep(POLL_MS);
      }
      return out;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await handle.close().catch(() => undefined);
    },
  };
}

function codeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}
