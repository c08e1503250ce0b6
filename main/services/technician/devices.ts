/**
 * The devices a technician can see and choose: HID scanners (node-hid), serial ports (serialport's
 * SerialPort.list), and printer targets (USB printer class nodes, serial lines, whatever was chosen).
 * Each source is asked on its own: a missing native module or a permission problem becomes a listed
 * problem, never an empty screen. The choice is kept in the database's settings (see readDeviceChoice).
 */
import { readdir } from 'node:fs/promises';
import type { SportelloDatabase } from '../../../db';
import { deviceKey, describeDevice, isHidPosDevice, listSerialPorts, nodeHidBackend } from '../../../drivers/scanner/index';
import type { HidDeviceInfo, SerialPortInfo } from '../../../drivers/scanner/index';
import { formatTarget, parseTarget } from '../../../drivers/printer/index';
import { SportelloError } from '../../../kernel/errors';
import { deviceChoiceSchema, scannerLineSchema, WEDGE_SCANNER } from '../../contract/technician/calls';
import { z } from 'zod';

export type DeviceChoice = z.infer<typeof deviceChoiceSchema>;
export { WEDGE_SCANNER };
export const DEFAULT_DEVICE_CHOICE: DeviceChoice = { printer: null, paper: '80mm', scanner: WEDGE_SCANNER };

export interface DeviceList {
  scanners: Array<{ id: string; name: string; kind: 'wedge' | 'hid-pos' | 'hid' | 'serial'; path: string | null }>;
  serialPorts: Array<{ path: string; name: string; manufacturer: string | null; serialNumber: string | null }>;
  printers: Array<{ target: string; name: string; source: 'usb-lp' | 'serial' | 'chosen' }>;
  problems: Array<{ source: 'hid' | 'serial' | 'usb-lp'; code: string; message: string }>;
}

/** What can be listed; injected in tests (no scanner is plugged into this machine). */
export interface DeviceSources {
  hid(): Promise<HidDeviceInfo[]>;
  serial(): Promise<SerialPortInfo[]>;
  /** Paths of the kernel's USB printer class nodes (/dev/usb/lp*). */
  usbPrinters(): Promise<string[]>;
}

export const systemDeviceSources: DeviceSources = {
  hid: () => nodeHidBackend().list(),
  serial: () => listSerialPorts(),
  usbPrinters: async () => {
    try {
      return (await readdir('/dev/usb')).filter((n) => /^lp\d+$/.test(n)).map((n) => `/dev/usb/${n}`);
    } catch {
      return []; // no USB printer class node at all: nothing to list, not a problem
    }
  },
};

export async function listDevices(sources: DeviceSources, choice: DeviceChoice): Promise<DeviceList> {
  const problems: DeviceList['problems'] = [];
  const ask = async <T>(source: DeviceList['problems'][number]['source'], fn: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await fn();
    } catch (e) {
      problems.push({
        source,
        code: e instanceof SportelloError ? e.code : 'DEVICE_LIST_FAILED',
        message: e instanceof Error ? e.message.slice(0, 300) : String(e),
      });
      return [];
    }
  };
  const [hid, serial, lp] = await Promise.all([ask('hid', sources.hid), ask('serial', sources.serial), ask('usb-lp', sources.usbPrinters)]);
  const scanners: DeviceList['scanners'] = [{ id: WEDGE_SCANNER, name: 'Keyboard wedge', kind: 'wedge', path: null }];
  for (const d of hid) {
    const name = [d.manufacturer, d.product].filter(Boolean).join(' ') || describeDevice(d);
    // HID POS scanners are read as such; any other HID device as a keyboard-mode scanner (hidraw).
    const pos = isHidPosDevice(d);
    scanners.push({ id: `${pos ? 'hid' : 'hid-keyboard'}:${deviceKey(d)}`, name, kind: pos ? 'hid-pos' : 'hid', path: d.path });
  }
  const serialPorts = serial.map((p) => ({
    path: p.path,
    name: describeDevice(p),
    manufacturer: p.manufacturer ?? null,
    serialNumber: p.serialNumber ?? null,
  }));
  for (const p of serial)
    scanners.push({
      id: `serial:${p.path}`,
      name: `${describeDevice(p)}${p.manufacturer ? ` (${p.manufacturer})` : ''}`,
      kind: 'serial',
      path: p.path,
    });
  const printers: DeviceList['printers'] = lp.map((path) => ({ target: `usb:${path}`, name: path, source: 'usb-lp' as const }));
  for (const p of serial)
    printers.push({ target: formatTarget({ kind: 'serial', path: p.path, baud: 9600 }), name: describeDevice(p), source: 'serial' });
  if (choice.printer && !printers.some((p) => p.target === choice.printer))
    printers.push({ target: choice.printer, name: choice.printer, source: 'chosen' });
  return { scanners, serialPorts, printers, problems };
}

type Settings = Pick<SportelloDatabase, 'settings'>;

/**
 * The printer is kept where the certificate and report printing read it (main/services/printer/setting.ts:
 * `devices.printer` = { target, paper }); the scanner under `devices.scanner`.
 */
const PRINTER_KEY = 'devices.printer';
const SCANNER_KEY = 'devices.scanner';
const SCANNER_LINE_KEY = 'devices.scannerLine';
const storedPrinter = z.object({ target: z.string().min(1).max(512), paper: z.enum(['80mm', '58mm']).default('80mm') });

export function readDeviceChoice(db: Settings): DeviceChoice {
  const printer = storedPrinter.safeParse(db.settings.get(PRINTER_KEY));
  const scanner = db.settings.get(SCANNER_KEY);
  const line = scannerLineSchema.safeParse(db.settings.get(SCANNER_LINE_KEY));
  return {
    printer: printer.success ? printer.data.target : null,
    paper: printer.success ? printer.data.paper : DEFAULT_DEVICE_CHOICE.paper,
    scanner: typeof scanner === 'string' && scanner.length > 0 ? scanner : WEDGE_SCANNER,
    ...(line.success ? { scannerLine: line.data } : {}),
  };
}

/** Printer targets are parsed (PRINTER_TARGET_INVALID for nonsense) and stored in their canonical form. */
export function writeDeviceChoice(db: Settings, change: Partial<DeviceChoice>): DeviceChoice {
  const next = deviceChoiceSchema.parse({ ...readDeviceChoice(db), ...change });
  if (next.printer !== null) next.printer = formatTarget(parseTarget(next.printer));
  if (next.printer === null) db.settings.remove(PRINTER_KEY);
  else {
    // the printer model (printer/setting.ts) stays when target or paper change
    const kept = db.settings.get(PRINTER_KEY);
    const model = kept && typeof kept === 'object' && !Array.isArray(kept) && typeof kept.model === 'string' ? { model: kept.model } : null;
    db.settings.set(PRINTER_KEY, { target: next.printer, paper: next.paper, ...model });
  }
  db.settings.set(SCANNER_KEY, next.scanner);
  if (next.scannerLine) db.settings.set(SCANNER_LINE_KEY, next.scannerLine);
  return next;
}
