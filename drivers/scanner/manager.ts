/**
 * ScannerManager: discovery and hot-plug by polling, as neither node-hid nor serialport report
 * plugging reliably (node-hid has no unplug event; serialport on Windows may not emit 'close').
 * Every `pollMs` it lists HID devices and serial ports, opens the configured choices it finds,
 * closes what went away, and reopens what came back, reporting status changes only.
 *
 * A choice names its device by USB vendor/product id and serial number, which survive a replug;
 * the path (/dev/hidraw3, /dev/ttyACM0) does not, so it is only a fallback for devices without
 * ids. With no choices configured, every HID POS scanner (usage page 0x8C) found is opened.
 * List functions, scanner factory, interval and clock are injected so tests can drive it.
 */
import { Emitter } from './emitter';
import { DeviceUnavailable, classifyDeviceError } from './errors';
import { deviceKey, describeDevice } from './devices';
import { isHidPosDevice, nodeHidBackend, type HidDeviceInfo } from './hid-device';
import { HidScanner } from './hid-scanner';
import { listSerialPorts, type SerialPortInfo } from './serial-device';
import { SerialScanner } from './serial-scanner';
import type { Suffix } from './serial-framer';
import { disconnectedStatus, sameStatus, statusForError } from './status';
import type { KeyboardLayout, Scanner, ScannerEvents, ScannerStatus, ScanSource, Terminator } from './types';

export interface DeviceChoice {
  /** stable name of this scanner (ScanEvent.source.id); default `<kind>:<vid>:<pid>[:<serial>]` */
  id?: string;
  kind: 'hid-pos' | 'hid-keyboard' | 'serial';
  vendorId?: number;
  productId?: number;
  serialNumber?: string;
  /** only used when no id above is given */
  path?: string;
  layout?: KeyboardLayout;
  terminator?: Terminator;
  reportId?: number | null;
  baudRate?: number;
  suffix?: Suffix;
  idleTimeoutMs?: number;
}

/** A choice resolved to the device found for it in this poll. */
export interface DeviceMatch {
  choice: DeviceChoice & { id: string };
  path: string;
  vendorId?: number;
  productId?: number;
  serialNumber?: string;
}

export interface ScannerManagerOptions {
  choices?: DeviceChoice[];
  /** with no choices: open every HID POS scanner found (default true) */
  autoHidPos?: boolean;
  listHid?: () => Promise<HidDeviceInfo[]>;
  listSerial?: () => Promise<SerialPortInfo[]>;
  createScanner?: (match: DeviceMatch) => Scanner;
  /** Odoo's IoT box polls every 3 s; a scanner replug is noticed within that */
  pollMs?: number;
  every?: (fn: () => void, ms: number) => () => void;
  clock?: () => number;
}

interface Entry {
  choice: DeviceChoice & { id: string };
  auto: boolean;
  scanner: Scanner | null;
  path: string | null;
  unsubscribe: (() => void)[];
  last: ScannerStatus | null;
}

type Device = HidDeviceInfo | SerialPortInfo;

export class ScannerManager {
  private readonly events = new Emitter<ScannerEvents>();
  private readonly entries = new Map<string, Entry>();
  private readonly opts: Required<Omit<ScannerManagerOptions, 'choices'>>;
  private stopTimer: (() => void) | null = null;
  private running: Promise<void> | null = null;

  constructor(options: ScannerManagerOptions = {}) {
    const clock = options.clock ?? Date.now;
    this.opts = {
      autoHidPos: options.autoHidPos ?? true,
      listHid: options.listHid ?? (() => nodeHidBackend().list()),
      listSerial: options.listSerial ?? listSerialPorts,
      createScanner: options.createScanner ?? ((m) => createScanner(m, clock)),
      pollMs: options.pollMs ?? 3000,
      every: options.every ?? defaultEvery,
      clock,
    };
    for (const c of options.choices ?? []) {
      const choice = { ...c, id: c.id ?? `${c.kind}:${deviceKey(c)}` };
      this.entries.set(choice.id, { choice, auto: false, scanner: null, path: null, unsubscribe: [], last: null });
    }
  }

  on<E extends keyof ScannerEvents>(event: E, listener: (payload: ScannerEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Polls now and then every pollMs. */
  start(): void {
    if (this.stopTimer) return;
    this.stopTimer = this.opts.every(() => void this.poll(), this.opts.pollMs);
    void this.poll();
  }

  /** Stops polling and closes every scanner (no statuses: the app is shutting the scanners down). */
  async stop(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = null;
    await this.running;
    await Promise.all([...this.entries.values()].map((e) => this.drop(e)));
  }

  /** The last status of each scanner, by source id (for a screen that opens after the fact). */
  statuses(): Map<string, ScannerStatus> {
    const out = new Map<string, ScannerStatus>();
    for (const [id, e] of this.entries) if (e.last) out.set(id, e.last);
    return out;
  }

  /** One discovery round; concurrent calls share the round in progress. */
  poll(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    const auto = this.opts.autoHidPos && !this.hasConfiguredChoices();
    const wantHid = auto || this.kinds().some((k) => k !== 'serial');
    const wantSerial = this.kinds().includes('serial');
    const hid = wantHid ? await this.list(this.opts.listHid, (k) => k !== 'serial') : [];
    const serial = wantSerial ? await this.list(this.opts.listSerial, (k) => k === 'serial') : [];
    if (hid === null && serial === null) return;

    if (auto && hid) this.addAutoEntries(hid);

    for (const entry of [...this.entries.values()]) {
      const devices = entry.choice.kind === 'serial' ? serial : hid;
      if (devices === null) continue; // listing failed: leave this kind as it is
      await this.reconcile(entry, findDevice(entry.choice, devices));
    }
  }

  private async reconcile(entry: Entry, device: Device | null): Promise<void> {
    if (entry.scanner && !entry.scanner.isOpen) await this.drop(entry); // lost since the last poll: it said so
    if (entry.scanner && (!device || device.path !== entry.path)) {
      // Gone (or replugged under another path) without the driver noticing.
      await this.drop(entry);
      this.report(
        entry,
        disconnectedStatus(this.source(entry), describeDevice({ ...entry.choice, path: entry.path ?? undefined }), this.opts.clock()),
      );
    }
    if (!device) {
      if (entry.auto && !entry.scanner) this.entries.delete(entry.choice.id);
      else if (entry.last === null)
        this.reportError(entry, new DeviceUnavailable('not-found', `scanner ${entry.choice.id} is not connected`));
      return;
    }
    if (entry.scanner) return;
    const match: DeviceMatch = {
      choice: entry.choice,
      path: device.path,
      ...(device.vendorId !== undefined ? { vendorId: device.vendorId } : {}),
      ...(device.productId !== undefined ? { productId: device.productId } : {}),
      ...(device.serialNumber !== undefined ? { serialNumber: device.serialNumber } : {}),
    };
    const scanner = this.opts.createScanner(match);
    entry.scanner = scanner;
    entry.path = device.path;
    entry.unsubscribe = [scanner.on('scan', (s) => this.events.emit('scan', s)), scanner.on('status', (s) => this.report(entry, s))];
    try {
      await scanner.open();
    } catch (err) {
      // The scanner has reported why; try again next poll (a udev rule may have been added).
      await this.drop(entry);
      if (!(err instanceof DeviceUnavailable)) this.reportError(entry, err);
    }
  }

  private async list<T>(fn: () => Promise<T[]>, affects: (kind: DeviceChoice['kind']) => boolean): Promise<T[] | null> {
    try {
      return await fn();
    } catch (err) {
      for (const e of this.entries.values()) if (affects(e.choice.kind)) this.reportError(e, err);
      return null;
    }
  }

  private addAutoEntries(devices: HidDeviceInfo[]): void {
    for (const d of devices.filter(isHidPosDevice)) {
      const id = `hid-pos:${deviceKey(d)}`;
      if (this.entries.has(id)) continue;
      const choice = {
        id,
        kind: 'hid-pos' as const,
        vendorId: d.vendorId,
        productId: d.productId,
        ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
      };
      this.entries.set(id, { choice, auto: true, scanner: null, path: null, unsubscribe: [], last: null });
    }
  }

  private async drop(entry: Entry): Promise<void> {
    for (const off of entry.unsubscribe) off();
    entry.unsubscribe = [];
    const scanner = entry.scanner;
    entry.scanner = null;
    entry.path = null;
    if (scanner?.isOpen) await scanner.close().catch(() => undefined);
  }

  private report(entry: Entry, status: ScannerStatus): void {
    if (sameStatus(entry.last, status)) return;
    entry.last = status;
    this.events.emit('status', status);
  }

  private reportError(entry: Entry, err: unknown): void {
    const e =
      err instanceof DeviceUnavailable
        ? err
        : new DeviceUnavailable(classifyDeviceError(err), err instanceof Error ? err.message : String(err), { cause: err });
    this.report(entry, statusForError(e, this.source(entry), describeDevice(entry.choice), this.opts.clock()));
  }

  private source(entry: Entry): ScanSource {
    return { kind: entry.choice.kind, id: entry.choice.id };
  }

  private kinds(): DeviceChoice['kind'][] {
    return [...this.entries.values()].map((e) => e.choice.kind);
  }

  private hasConfiguredChoices(): boolean {
    return [...this.entries.values()].some((e) => !e.auto);
  }
}

/** The device a choice means among those listed, preferring the interface of the right kind. */
export function findDevice<D extends Device>(choice: DeviceChoice, devices: D[]): D | null {
  const hasIds = choice.vendorId !== undefined || choice.productId !== undefined || choice.serialNumber !== undefined;
  const candidates = devices.filter((d) => {
    if (!hasIds) return choice.path !== undefined && d.path === choice.path;
    if (choice.vendorId !== undefined && d.vendorId !== choice.vendorId) return false;
    if (choice.productId !== undefined && d.productId !== choice.productId) return false;
    if (choice.serialNumber !== undefined && d.serialNumber !== choice.serialNumber) return false;
    return true;
  });
  const rank = (d: D): number => {
    if (!('usagePage' in d)) return 0;
    if (choice.kind === 'hid-pos') return isHidPosDevice(d) ? 0 : 1;
    if (choice.kind === 'hid-keyboard') return d.usagePage === 0x01 && d.usage === 0x06 ? 0 : 1;
    return 0;
  };
  candidates.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  return candidates[0] ?? null;
}

function createScanner(m: DeviceMatch, clock: () => number): Scanner {
  const c = m.choice;
  if (c.kind === 'serial') {
    return new SerialScanner({
      path: m.path,
      id: c.id,
      ...(m.vendorId !== undefined ? { vendorId: m.vendorId } : {}),
      ...(m.productId !== undefined ? { productId: m.productId } : {}),
      ...(c.baudRate !== undefined ? { baudRate: c.baudRate } : {}),
      ...(c.suffix !== undefined ? { suffix: c.suffix } : {}),
      ...(c.idleTimeoutMs !== undefined ? { idleTimeoutMs: c.idleTimeoutMs } : {}),
      clock,
    });
  }
  return new HidScanner({
    kind: c.kind,
    id: c.id,
    device: {
      path: m.path,
      ...(m.vendorId !== undefined ? { vendorId: m.vendorId } : {}),
      ...(m.productId !== undefined ? { productId: m.productId } : {}),
    },
    ...(c.layout !== undefined ? { layout: c.layout } : {}),
    ...(c.terminator !== undefined ? { terminator: c.terminator } : {}),
    ...(c.reportId !== undefined ? { reportId: c.reportId } : {}),
    ...(c.idleTimeoutMs !== undefined ? { idleTimeoutMs: c.idleTimeoutMs } : {}),
    clock,
  });
}

function defaultEvery(fn: () => void, ms: number): () => void {
  const handle = setInterval(fn, ms);
  return () => clearInterval(handle);
}
