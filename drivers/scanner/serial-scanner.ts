/**
 * A serial (RS-232 or USB-CDC virtual COM) scanner: bytes from serialport, split into reads by
 * the programmed suffix (serial-framer.ts), or by an idle timeout when it sends none. serialport
 * emits 'close' with `disconnected: true` when the line goes away (cable pulled, pty closed; see
 * serial-hangup.ts for the Linux hang-up it would otherwise miss); that becomes a 'disconnected' status. Windows may not report an unplug at all: the manager's
 * polling of the port list covers that.
 */
import { dialoutFix } from './permissions';
import { describeDevice, deviceKey } from './devices';
import { SerialFramer, type Suffix } from './serial-framer';
import { serialportModule } from './serial-device';
import { hangupAwareBinding } from './serial-hangup';
import { BaseScanner } from './scanner-base';
import { bytesToText } from './text';

export interface SerialScannerOptions {
  path: string;
  /** ScanEvent.source.id; default derived from the ids or the path */
  id?: string;
  /** only to name the device and derive the id */
  vendorId?: number;
  productId?: number;
  serialNumber?: string;
  baudRate?: number;
  suffix?: Suffix;
  /** with suffix 'none': silence that ends a read */
  idleTimeoutMs?: number;
  clock?: () => number;
}

type Port = InstanceType<ReturnType<typeof serialportModule>['SerialPort']>;

export class SerialScanner extends BaseScanner {
  private port: Port | null = null;
  private framer: SerialFramer | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: SerialScannerOptions) {
    super({ kind: 'serial', id: opts.id ?? `serial:${deviceKey(opts)}` }, describeDevice(opts), opts.clock ?? Date.now);
  }

  get isOpen(): boolean {
    return this.port !== null;
  }

  async open(): Promise<void> {
    if (this.port) return;
    let port: Port;
    try {
      const { SerialPort } = serialportModule();
      // `binding` is not in SerialPort's option type, but its constructor honours it.
      const options = {
        path: this.opts.path,
        baudRate: this.opts.baudRate ?? 9600,
        autoOpen: false,
        binding: hangupAwareBinding(SerialPort.binding),
      };
      port = new SerialPort(options as ConstructorParameters<typeof SerialPort>[0]);
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    } catch (cause) {
      throw this.failure(cause, dialoutFix);
    }
    const framer = new SerialFramer(this.opts.suffix ?? 'CR');
    this.port = port;
    this.framer = framer;
    port.on('data', (chunk: Buffer) => this.onData(framer, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    // Errors after open are followed by 'close'; a listener keeps them from crashing the process.
    port.on('error', () => undefined);
    port.on('close', () => {
      if (this.port !== port) return; // we closed it ourselves
      this.detach();
      this.emitDisconnected();
    });
    this.emitConnected();
  }

  async close(): Promise<void> {
    const port = this.detach();
    if (!port || !port.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private onData(framer: SerialFramer, chunk: Uint8Array): void {
    for (const frame of framer.push(chunk)) this.emitScan(bytesToText(frame), null);
    if (framer.suffix !== 'none' || !framer.pending) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const rest = framer.flush();
      if (rest) this.emitScan(bytesToText(rest), null);
    }, this.opts.idleTimeoutMs ?? 100);
  }

  private detach(): Port | null {
    const port = this.port;
    this.port = null;
    this.framer = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    return port;
  }
}
