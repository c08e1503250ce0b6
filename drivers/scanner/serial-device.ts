/**
 * The thin serialport layer: list ports (SerialPort.list(), which on Linux asks udevadm for the
 * USB ids) and load the module lazily, like node-hid, so a missing native binding is a
 * DeviceUnavailable 'driver-missing' on use rather than a crash on import.
 */
import { createRequire } from 'node:module';
import { DeviceUnavailable } from './errors';
import type * as SerialPortPackage from 'serialport';

export interface SerialPortInfo {
  path: string;
  vendorId?: number;
  productId?: number;
  serialNumber?: string;
  manufacturer?: string;
}

type SerialPortModule = typeof SerialPortPackage;
let loaded: SerialPortModule | null = null;

export function serialportModule(): SerialPortModule {
  if (loaded) return loaded;
  try {
    loaded = createRequire(import.meta.url)('serialport') as SerialPortModule;
    return loaded;
  } catch (cause) {
    throw new DeviceUnavailable(
      'driver-missing',
      `serialport could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const ports = await serialportModule().SerialPort.list();
  return ports.map((p) => {
    const vendorId = parseUsbId(p.vendorId);
    const productId = parseUsbId(p.productId);
    return {
      path: p.path,
      ...(vendorId !== undefined ? { vendorId } : {}),
      ...(productId !== undefined ? { productId } : {}),
      ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    };
  });
}

/** serialport reports USB ids as hex strings ('0c2e'); we keep numbers everywhere. */
export function parseUsbId(id: string | undefined): number | undefined {
  if (!id || !/^(0x)?[0-9a-f]{1,4}$/i.test(id)) return undefined;
  return Number.parseInt(id.replace(/^0x/i, ''), 16);
}
