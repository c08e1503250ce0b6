/**
 * The core's devices: runs drivers/scanner's ScannerManager for the technician's stored scanner
 * choice (HID POS, hidraw keyboard, serial; with the wedge chosen, any HID POS scanner plugged in
 * is opened as it is discovered), hands every scan on, and keeps a live status of every scanner
 * (the wedge included) and of the chosen printer, reported whenever it changes. Hot-plug is the
 * manager's poll (every few seconds). Started and closed with the contract API (main/api), and
 * restarted when the technician saves another choice.
 */
import { statSync } from 'node:fs';
import { describeDevice, describeFix, listSerialPorts, nodeHidBackend, ScannerManager } from '../../../drivers/scanner/index';
import type { DeviceMatch, HidDeviceInfo, Scanner, ScannerStatus, ScanEvent, SerialPortInfo } from '../../../drivers/scanner/index';
import type { DeviceChoice as ManagerChoice } from '../../../drivers/scanner/index';
import type { DeviceStatus, ScannerScan } from '../../contract/events';
import type { DeviceChoice } from '../technician/devices';
import { printerPresence } from './printer-presence';
import type { Presence } from './printer-presence';
import { scannerChoiceOf, WEDGE_SOURCE_ID } from './scanner-choice';

type ScannerEntry = DeviceStatus['scanners'][number];
type PrinterEntry = DeviceStatus['printers'][number];

/** What can be injected: tests replay HID reports (no HID device can exist here) and poll faster. */
export interface DeviceServiceOptions {
  listHid?: () => Promise<HidDeviceInfo[]>;
  listSerial?: () => Promise<SerialPortInfo[]>;
  /** Builds the driver for a device found (default: the manager's, node-hid and serialport). */
  createScanner?: (match: DeviceMatch) => Scanner;
  /** How often plugging is looked for and the printer checked (default 3000 ms, the manager's). */
  pollMs?: number;
}

export interface DeviceServiceDeps {
  /** The stored choice (main/services/technician/devices.ts readDeviceChoice). */
  readChoice: () => DeviceChoice;
  terminal: 'counter' | 'kiosk';
  onScan: (scan: ScannerScan) => void;
  onStatus: (status: DeviceStatus) => void;
  /** Something went wrong that nobody asked about (an invalid stored choice, a failed restart). */
  onProblem: (event: string, data: Record<string, unknown>) => void;
  clock?: () => number;
}

const POLL_MS = 3000;

export class DeviceService {
  private manager: ScannerManager | null = null;
  private offManager: (() => void)[] = [];
  private scanners = new Map<string, ScannerEntry>();
  private printer: PrinterEntry | null = null;
  private watchTimer: NodeJS.Timeout | null = null;
  /** The scanner choice the manager runs with (JSON), to notice a change made elsewhere. */
  private applied = '';
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private last = '';
  private readonly clock: () => number;
  private readonly pollMs: number;

  constructor(
    private readonly deps: DeviceServiceDeps,
    private readonly options: DeviceServiceOptions = {},
  ) {
    this.clock = deps.clock ?? Date.now;
    this.pollMs = options.pollMs ?? POLL_MS;
  }

  /** Opens what is chosen and starts watching. */
  start(): void {
    void this.restart();
    this.watchTimer = setInterval(() => void this.watch(), this.pollMs);
    this.watchTimer.unref();
  }

  /** Reads the stored choice again and reopens the scanners (after the technician saved). */
  restart(): Promise<void> {
    this.queue = this.queue
      .then(() => this.apply())
      .catch((e: unknown) => this.deps.onProblem('devices-restart-failed', { error: String(e) }));
    return this.queue;
  }

  /** Stops polling and closes every device; no timer is left behind. */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
    this.queue = this.queue.then(() => this.closeManager());
    return this.queue;
  }

  status(): DeviceStatus {
    return { scanners: [...this.scanners.values()], printers: this.printer ? [this.printer] : [] };
  }

  private async apply(): Promise<void> {
    await this.closeManager();
    if (this.stopped) return;
    let choice: DeviceChoice;
    try {
      choice = this.deps.readChoice();
    } catch {
      return; // the database is closing
    }
    this.applied = scannerKey(choice);
    this.scanners = new Map([[WEDGE_SOURCE_ID, wedgeEntry(this.scanners.get(WEDGE_SOURCE_ID))]]);
    let chosen: (ManagerChoice & { id: string }) | null = null;
    try {
      chosen = scannerChoiceOf(choice);
    } catch (e) {
      this.deps.onProblem('scanner-choice-invalid', { scanner: choice.scanner.slice(0, 80), error: String(e) });
    }
    if (chosen) {
      this.scanners.set(chosen.id, {
        id: chosen.id,
        kind: chosen.kind,
        name: describeDevice(chosen),
        status: 'unknown', // until the first poll
        lastScanAt: null,
        since: null,
      });
    }
    this.printer = choice.printer ? { id: choice.printer, name: choice.printer, status: 'unknown', since: null } : null;
    const manager = new ScannerManager({
      choices: chosen ? [chosen] : [],
      listSerial: () => this.listSerial(chosen),
      ...(this.options.listHid ? { listHid: this.options.listHid } : { listHid: () => nodeHidBackend().list() }),
      ...(this.options.createScanner ? { createScanner: this.options.createScanner } : {}),
      pollMs: this.pollMs,
    });
    this.offManager = [manager.on('scan', (s) => this.scanned(s)), manager.on('status', (s) => this.changed(s))];
    this.manager = manager;
    manager.start();
    await this.checkPrinter();
    this.publish();
  }

  private async closeManager(): Promise<void> {
    for (const off of this.offManager) off();
    this.offManager = [];
    const manager = this.manager;
    this.manager = null;
    await manager?.stop();
  }

  /**
   * The system's serial ports, plus the chosen port when it exists but is not listed: udev lists
   * USB and on-board ports only, not a symlink (/dev/serial/by-id/…), nor a pty.
   */
  private async listSerial(chosen: ManagerChoice | null): Promise<SerialPortInfo[]> {
    const listed = await (this.options.listSerial ?? listSerialPorts)().catch(() => [] as SerialPortInfo[]);
    const path = chosen?.kind === 'serial' ? chosen.path : undefined;
    if (path && !listed.some((p) => p.path === path) && isCharDevice(path)) listed.push({ path });
    return listed;
  }

  private scanned(scan: ScanEvent): void {
    if (scan.source.kind === 'wedge') return; // the screen reads the wedge itself
    const entry = this.scanners.get(scan.source.id);
    if (entry) entry.lastScanAt = scan.at;
    this.deps.onScan({
      sourceId: scan.source.id,
      kind: scan.source.kind,
      text: scan.text,
      symbology: scan.symbology,
      at: scan.at,
      terminal: this.deps.terminal,
    });
    this.publish();
  }

  private changed(s: ScannerStatus): void {
    if (s.source.kind === 'wedge') return;
    const known = this.scanners.get(s.source.id);
    const next: ScannerEntry = {
      id: s.source.id,
      kind: s.source.kind,
      name: s.device,
      lastScanAt: known?.lastScanAt ?? null,
      since: s.at,
      ...liveOf(s),
    };
    // A scanner found by discovery (not chosen) that went away is forgotten.
    if (next.status !== 'ready' && !this.scanners.has(s.source.id)) return;
    this.scanners.set(s.source.id, next);
    this.publish();
  }

  /**
   * Every poll: the stored choice may have been changed by another path than the technician's
   * call (the printer setting is also written by the printing code); then the printer's presence.
   */
  private async watch(): Promise<void> {
    let choice: DeviceChoice;
    try {
      choice = this.deps.readChoice();
    } catch {
      return; // the database is closing
    }
    if (scannerKey(choice) !== this.applied) return void this.restart();
    if ((choice.printer ?? null) !== (this.printer?.id ?? null)) {
      this.printer = choice.printer ? { id: choice.printer, name: choice.printer, status: 'unknown', since: null } : null;
      this.publish();
    }
    await this.checkPrinter();
  }

  private async checkPrinter(): Promise<void> {
    const printer = this.printer;
    if (!printer || this.stopped) return;
    const p: Presence = await printerPresence(printer.id);
    if (this.printer !== printer) return; // the choice changed meanwhile
    if (p.status === printer.status && p.problem?.code === printer.problem?.code) return;
    this.printer = {
      id: printer.id,
      name: printer.name,
      status: p.status,
      ...(p.problem ? { problem: p.problem } : {}),
      since: this.clock(),
    };
    this.publish();
  }

  private publish(): void {
    if (this.stopped) return;
    const status = this.status();
    const text = JSON.stringify(status);
    if (text === this.last) return;
    this.last = text;
    this.deps.onStatus(status);
  }
}

function scannerKey(choice: DeviceChoice): string {
  return JSON.stringify([choice.scanner, choice.scannerLine ?? null]);
}

function wedgeEntry(previous: ScannerEntry | undefined): ScannerEntry {
  return previous ?? { id: WEDGE_SOURCE_ID, kind: 'keyboard', name: 'keyboard', status: 'ready', lastScanAt: null, since: null };
}

/** The driver's status as the contract's: connected is ready; a fix is spelled out to paste. */
function liveOf(s: ScannerStatus): Pick<ScannerEntry, 'status' | 'problem'> {
  switch (s.kind) {
    case 'connected':
      return { status: 'ready' };
    case 'disconnected':
      return { status: 'disconnected', problem: { code: 'disconnected' } };
    case 'permission-denied':
      return { status: 'permission-denied', problem: { code: 'permission-denied', fix: describeFix(s.fix) } };
    case 'unavailable':
      return s.reason === 'not-found' || s.reason === 'disconnected'
        ? { status: 'disconnected', problem: { code: s.reason } }
        : { status: 'error', problem: { code: s.reason } };
  }
}

function isCharDevice(path: string): boolean {
  try {
    return statSync(path).isCharacterDevice();
  } catch {
    return false;
  }
}
