/**
 * Bytes appended to a file: a spool directory another program drains, a capture for a technician,
 * or a printer device the kernel exposes write-only. Nothing comes back, so status is 'unknown'.
 */
import { open } from 'node:fs/promises';
import { TransportClosed } from '../errors';
import type { PrinterTarget } from '../target';
import type { PrinterTransport } from '../transport';

export async function openSpoolFile(target: Extract<PrinterTarget, { kind: 'file' }>): Promise<PrinterTransport> {
  const handle = await open(target.path, 'a');
  let closed = false;
  return {
    target,
    write: async (bytes) => {
      if (closed) throw new TransportClosed('spool file closed');
      await handle.write(bytes);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}
