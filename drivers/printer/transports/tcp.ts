/**
 * A network printer on its raw port (9100, "JetDirect"): bytes in, status bytes back on the same
 * socket. Connecting has its own timeout because an unplugged printer on a LAN answers nothing,
 * not even a refusal.
 */
import { connect, type Socket } from 'node:net';
import { TransportClosed } from '../errors';
import type { PrinterTarget } from '../target';
import type { PrinterTransport } from '../transport';
import { Inbox } from './inbox';

export const CONNECT_TIMEOUT_MS = 5_000;

export async function openTcp(
  target: Extract<PrinterTarget, { kind: 'tcp' }>,
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
): Promise<PrinterTransport> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(
        Object.assign(new Error(`no connection to ${target.host}:${target.port} within ${connectTimeoutMs} ms`), { code: 'ETIMEDOUT' }),
      );
    }, connectTimeoutMs);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  socket.setNoDelay(true);
  const inbox = new Inbox();
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('data', (chunk: Buffer) => inbox.push(chunk));
  socket.on('error', (err) => inbox.fail(new TransportClosed('printer connection failed', err)));
  socket.on('end', () => inbox.fail(new TransportClosed('printer closed the connection')));
  socket.on('close', () => inbox.fail(new TransportClosed('printer connection closed')));

  return {
    target,
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (socket.destroyed || !socket.writable) return reject(new TransportClosed('printer connection closed'));
        socket.write(bytes, (err) => (err ? reject(err) : resolve()));
      }),
    read: (n, timeoutMs) => inbox.read(n, timeoutMs),
    close: async () => {
      inbox.fail(new TransportClosed('tcp transport closed'));
      if (socket.destroyed) return;
      // end() lets the printer receive everything written; destroy if it never closes its side
      socket.end();
      const timer = setTimeout(() => socket.destroy(), 1_000);
      await closed;
      clearTimeout(timer);
    },
  };
}
