// Hot-plug with a real serial scanner on socat ptys. The port list is injected (a pty has no USB
// ids, and udev would not list it): the test says which ports "exist", with the ids a USB-CDC
// scanner would have, and replugging is a new pty pair under a new path with the same ids.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { openPtyPair } from '../../../support/pty';
import { ScannerManager } from '../../../../drivers/scanner/manager';
import type { SerialPortInfo } from '../../../../drivers/scanner/serial-device';
import { EventQueue } from './events';

const QR = 'PAGOPA|002|302000100000009424|01199250158|12345';

/** The scanner's end of the line, held open like a plugged-in device: when the last holder of
 *  a pty end closes it, socat ends the pair, which would look like an unplug. */
function scannerEnd(t: { after(fn: () => void): void }, path: string): { send(text: string): void; close(): void } {
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

describe('ScannerManager with a serial scanner on ptys', () => {
  test('appears -> connected and scanning; unplugged -> disconnected; back under another path -> reconnected', async (t) => {
    let ports: SerialPortInfo[] = [];
    const manager = new ScannerManager({
      choices: [{ id: 'till', kind: 'serial', vendorId: 0x1234, productId: 0x5678, serialNumber: 'SCN-1', suffix: 'CR' }],
      listSerial: async () => ports,
      listHid: async () => {
        throw new Error('no HID listing expected: only a serial scanner is configured');
      },
    });
    t.after(() => manager.stop());
    const statuses = new EventQueue(manager, 'status');
    const scans = new EventQueue(manager, 'scan');

    await manager.poll();
    const missing = await statuses.next(10_000, 'not-found status');
    assert.equal(missing.kind === 'unavailable' ? missing.reason : missing.kind, 'not-found');

    const first = await openPtyPair(t);
    ports = [{ path: '/dev/ttyS0' }, { path: first.a, vendorId: 0x1234, productId: 0x5678, serialNumber: 'SCN-1' }];
    await manager.poll();
    const up = await statuses.next(10_000, 'connected status');
    assert.equal(up.kind, 'connected');
    assert.deepEqual(up.source, { kind: 'serial', id: 'till' });
    const firstEnd = scannerEnd(t, first.b);
    firstEnd.send(`${QR}\r`);
    const scan = await scans.next(10_000, 'first scan');
    assert.equal(scan.text, QR);
    assert.deepEqual(scan.source, { kind: 'serial', id: 'till' });

    firstEnd.close();
    await first.close(); // cable pulled: serialport notices the line going away
    assert.equal((await statuses.next(10_000, 'disconnected status')).kind, 'disconnected');
    ports = [{ path: '/dev/ttyS0' }];
    await manager.poll();
    assert.equal(statuses.pending, 0, 'the manager does not repeat what the scanner said');

    const second = await openPtyPair(t);
    assert.notEqual(second.a, first.a);
    ports = [{ path: second.a, vendorId: 0x1234, productId: 0x5678, serialNumber: 'SCN-1' }];
    await manager.poll();
    assert.equal((await statuses.next()).kind, 'connected');
    scannerEnd(t, second.b).send(`${QR}\r`);
    assert.equal((await scans.next()).text, QR);
    assert.equal(manager.statuses().get('till')?.kind, 'connected');
  });

  test('a port that vanishes from the list while the driver noticed nothing is closed and reported', async (t) => {
    const pty = await openPtyPair(t);
    let ports: SerialPortInfo[] = [{ path: pty.a, vendorId: 0x1234, productId: 0x5678 }];
    const manager = new ScannerManager({
      choices: [{ id: 'till', kind: 'serial', vendorId: 0x1234, productId: 0x5678 }],
      listSerial: async () => ports,
    });
    t.after(() => manager.stop());
    const statuses = new EventQueue(manager, 'status');
    await manager.poll();
    assert.equal((await statuses.next()).kind, 'connected');
    ports = [];
    await manager.poll();
    assert.equal((await statuses.next()).kind, 'disconnected');
    // the pty is still there and free: the manager really closed it (serialport locks open ports)
    ports = [{ path: pty.a, vendorId: 0x1234, productId: 0x5678 }];
    await manager.poll();
    assert.equal((await statuses.next()).kind, 'connected');
  });
});
