/**
 * Makes serialport notice a hung-up line on Linux and macOS.
 *
 * When a tty hangs up (USB-CDC scanner unplugged, pty peer gone) a read from the non-blocking
 * descriptor returns 0 bytes: end of file. @serialport/bindings-cpp retries such reads at once,
 * forever: a busy loop, and the port never emits 'close'. This wraps the binding so that a
 * 0-byte read ends with a disconnect error, which @serialport/stream turns into
 * 'close' with `disconnected: true`, the event the drivers already handle.
 * Windows ports read through another binding and are left alone.
 */
import { read } from 'node:fs';
import { promisify } from 'node:util';

const readAsync = promisify(read);

/** The parts of bindings-cpp's Linux/Darwin port binding this wrapper uses (public fields there). */
interface UnixPort {
  readonly isOpen: boolean;
  fd: number | null;
  poller: { once(event: 'readable', callback: (err?: Error | null) => void): unknown };
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
}

interface Binding {
  open(options: unknown): Promise<unknown>;
}

export function hangupAwareBinding<B extends Binding>(base: B, platform: NodeJS.Platform = process.platform): B {
  if (platform === 'win32') return base;
  return new Proxy(base, {
    get(target, prop, receiver) {
      if (prop !== 'open') return Reflect.get(target, prop, receiver) as unknown;
      return async (options: unknown) => {
        const port = (await target.open(options)) as UnixPort;
        return wrapPort(port);
      };
    },
  });
}

function wrapPort(port: UnixPort): UnixPort {
  return new Proxy(port, {
    get(target, prop) {
      if (prop === 'read') return (buffer: Buffer, offset: number, length: number) => readUntilHangup(target, buffer, offset, length);
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function readUntilHangup(
  port: UnixPort,
  buffer: Buffer,
  offset: number,
  length: number,
): Promise<{ buffer: Buffer; bytesRead: number }> {
  for (;;) {
    if (!port.isOpen || port.fd === null) throw Object.assign(new Error('Port is not open'), { canceled: true });
    let bytesRead: number;
    try {
      ({ bytesRead } = await readAsync(port.fd, buffer, offset, length, null));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' || code === 'EWOULDBLOCK' || code === 'EINTR') {
        await new Promise<void>((resolve, reject) => port.poller.once('readable', (e) => (e ? reject(e) : resolve())));
        continue;
      }
      throw Object.assign(err as Error, { disconnect: true });
    }
    if (bytesRead === 0) throw Object.assign(new Error('the line hung up (end of file on the tty)'), { disconnect: true });
    return { buffer, bytesRead };
  }
}
