// The real node-hid and serialport listings on this machine. There is no HID device here (no USB,
// no uhid), so for HID only the empty enumeration and a failed open can be checked for real.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeHidBackend } from '../../../../drivers/scanner/hid-device';
import { HidScanner } from '../../../../drivers/scanner/hid-scanner';
import { DeviceUnavailable } from '../../../../drivers/scanner/errors';
import { listSerialPorts } from '../../../../drivers/scanner/serial-device';

describe('device listings', () => {
  test('node-hid loads (libusb present) and enumerates', async () => {
    const devices = await nodeHidBackend().list();
    assert.ok(Array.isArray(devices));
    for (const d of devices) {
      assert.equal(typeof d.path, 'string');
      assert.equal(typeof d.vendorId, 'number');
    }
  });

  test('opening a HID path that does not exist: not-found through the real node-hid', async () => {
    const s = new HidScanner({ kind: 'hid-pos', device: { path: '/dev/hidraw-sportello-none' } });
    await assert.rejects(s.open(), (e: unknown) => e instanceof DeviceUnavailable && e.reason === 'not-found');
  });

  test('a non-hidraw path has no report descriptor', async () => {
    assert.equal(await nodeHidBackend().reportDescriptor('/tmp/x'), null);
    assert.equal(await nodeHidBackend().reportDescriptor('/dev/hidraw-none'), null);
  });

  test('SerialPort.list() (through udevadm) gives paths, ids as numbers', async () => {
    const ports = await listSerialPorts();
    assert.ok(Array.isArray(ports));
    for (const p of ports) {
      assert.equal(typeof p.path, 'string');
      if (p.vendorId !== undefined) assert.equal(typeof p.vendorId, 'number');
    }
  });
});
