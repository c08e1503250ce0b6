/** How devices are named in statuses, error details and default source ids: ids and path, never contents. */
import { usbIdHex } from './permissions';

export interface DeviceIds {
  vendorId?: number | undefined;
  productId?: number | undefined;
  serialNumber?: string | undefined;
  path?: string | undefined;
}

/** For people: `0c2e:0b61 /dev/hidraw3`. */
export function describeDevice(d: DeviceIds): string {
  const ids = d.vendorId !== undefined && d.productId !== undefined ? `${usbIdHex(d.vendorId)}:${usbIdHex(d.productId)}` : '';
  return [ids, d.path ?? ''].filter(Boolean).join(' ') || 'unknown device';
}

/** For source ids: what survives a replug (ids + serial number) if known, else the path. */
export function deviceKey(d: DeviceIds): string {
  if (d.vendorId === undefined || d.productId === undefined) return d.path ?? 'unknown';
  const ids = `${usbIdHex(d.vendorId)}:${usbIdHex(d.productId)}`;
  return d.serialNumber ? `${ids}:${d.serialNumber}` : ids;
}
