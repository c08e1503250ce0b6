// What the device tests share: a device status or event awaited whether it came before or after
// the wait began, and a scanner's end of a pty held open like a plugged-in device.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { ContractClient, DeviceStatus, EventName, EventPayload } from '../../../main/contract';
import { value } from '../security/harness';

type Client = Pick<ContractClient, 'call' | 'on'>;

/** The next `event` that satisfies `pred`, whether it came before the call (kept in a queue) or after. */
export class Heard<E extends EventName> {
  private readonly items: EventPayload<E>[] = [];
  private readonly waiters: { pred: (p: EventPayload<E>) => boolean; resolve: (p: EventPayload<E>) => void }[] = [];
  constructor(client: Pick<ContractClient, 'on'>, event: E) {
    client.on(event, (p) => {
      const i = this.waiters.findIndex((w) => w.pred(p));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(p);
      else this.items.push(p);
    });
  }
  next(pred: (p: EventPayload<E>) => boolean = () => true): Promise<EventPayload<E>> {
    const i = this.items.findIndex(pred);
    if (i >= 0) {
      const found = this.items[i]!;
      this.items.splice(0, i + 1); // older ones are past
      return Promise.resolve(found);
    }
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
}

/** The status of the scanner `id`, once it is `status`: asked now, else pushed later. */
export async function scannerState(client: Client, heard: Heard<'devices.status'>, id: string, status: string): Promise<DeviceStatus> {
  const is = (d: DeviceStatus) => d.scanners.some((s) => s.id === id && s.status === status);
  const later = heard.next(is);
  const now = value(await client.call('devices.status', {}));
  return is(now) ? now : later;
}

/** The scanner's end of the line, held open: when the last holder of a pty end closes it, socat ends the pair. */
export function scannerEnd(t: { after(fn: () => void): void }, path: string): { send(text: string): void; close(): void } {
  let fd: number | null = openSync(path, 'r+');
  const close = (): void => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  t.after(close);
  return {
    send: (text) => {
      if (fd === null) throw new Error('closed');
      writeSync(fd, text);
    },
    close,
  };
}
