/**
 * The thin node-hid layer: enumerate, open, read reports, close. node-hid is required lazily on
 * first use: it is a native module that needs libusb/hidraw at run time, and nothing else in the
 * drivers should fail to load where it is missing (the error is DeviceUnavailable 'driver-missing').
 * On Linux node-hid uses the hidraw backend: device paths are /dev/hidrawN (root-only until a udev
 * rule says otherwise, see permissions.ts), and the report descriptor is readable from sysfs.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DeviceUnavailable } from './errors';
import { HID_POS_USAGE_PAGE } from './hid-pos';
import type * as NodeHidModule from 'node-hid';

export interface HidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  /** top-level collection usage page (0x8C for a HID POS scanner, 0x01 + usage 6 for a keyboard) */
  usagePage?: number;
  usage?: number;
  interface: number;
}

/** An open device: input reports as they arrive (report id first when numbered). */
export interface HidHandle {
  onReport(listener: (report: Uint8Array) => void): void;
  /** read failed: on unplug hidapi says "could not read from HID device" */
  onError(listener: (err: unknown) => void): void;
  close(): Promise<void>;
}

export interface HidBackend {
  list(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
  /** the device's report descriptor, or null when the platform does not expose it */
  reportDescriptor(path: string): Promise<Uint8Array | null>;
}

export const isHidPosDevice = (d: HidDeviceInfo): boolean => d.usagePage === HID_POS_USAGE_PAGE;

type NodeHid = typeof NodeHidModule;
let loaded: NodeHid | null = null;

function nodeHid(): NodeHid {
  if (loaded) return loaded;
  try {
    loaded = createRequire(import.meta.url)('node-hid') as NodeHid;
    return loaded;
  } catch (cause) {
    throw new DeviceUnavailable(
      'driver-missing',
      `node-hid could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

export function nodeHidBackend(): HidBackend {
  return {
    async list() {
      const devices = await nodeHid().devicesAsync();
      return devices
        .filter((d): d is typeof d & { path: string } => typeof d.path === 'string' && d.path !== '')
        .map((d) => ({
          path: d.path,
          vendorId: d.vendorId,
          productId: d.productId,
          interface: d.interface,
          ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
          ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
          ...(d.product ? { product: d.product } : {}),
          ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
          ...(d.usage !== undefined ? { usage: d.usage } : {}),
        }));
    },

    async open(path) {
      const device = await nodeHid().HIDAsync.open(path);
      return {
        onReport(listener) {
          device.on('data', (data: Buffer) => listener(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
        },
        onError(listener) {
          device.on('error', listener);
        },
        async close() {
          await device.close();
        },
      };
    },

    async reportDescriptor(path) {
      const m = /^\/dev\/(hidraw\d+)$/.exec(path);
      if (!m) return null;
      try {
        return new Uint8Array(await readFile(`/sys/class/hidraw/${m[1]}/device/report_descriptor`));
      } catch {
        return null;
      }
    },
  };
}
