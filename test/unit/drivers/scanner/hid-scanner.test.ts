// HidScanner wiring (backend -> decoder -> scan and status events), tested by replaying recorded
// report streams through a replay backend: no HID device can exist on this machine (no USB, no
// uhid). The node-hid backend itself is exercised for real in test/integration/drivers/scanner.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HidScanner } from '../../../../drivers/scanner/hid-scanner';
import { DeviceUnavailable } from '../../../../drivers/scanner/errors';
import type { HidBackend, HidHandle } from '../../../../drivers/scanner/hid-device';
import type { ScannerStatus, ScanEvent } from '../../../../drivers/scanner/types';
import { loadHidFixture } from './fixtures';

class ReplayHandle implements HidHandle {
  private reportListener: ((r: Uint8Array) => void) | null = null;
  private errorListener: ((e: unknown) => void) | null = null;
  closed = false;
  onReport(l: (r: Uint8Array) => void): void {
    this.reportListener = l;
  }
  onError(l: (e: unknown) => void): void {
    this.errorListener = l;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  replay(reports: Uint8Array[]): void {
    for (const r of reports) this.reportListener?.(r);
  }
  fail(err: unknown): void {
    this.errorListener?.(err);
  }
}

function replayBackend(
  opts: { descriptor?: Uint8Array | null; openError?: Error } = {},
): HidBackend & { handle: ReplayHandle; opened: string[] } {
  const handle = new ReplayHandle();
  const opened: string[] = [];
  return {
    handle,
    opened,
    list: async () => [],
    open: async (path) => {
      opened.push(path);
      if (opts.openError) throw opts.openError;
      return handle;
    },
    reportDescriptor: async () => opts.descriptor ?? null,
  };
}

function collect(s: HidScanner): { scans: ScanEvent[]; statuses: ScannerStatus[] } {
  const out = { scans: [] as ScanEvent[], statuses: [] as ScannerStatus[] };
  s.on('scan', (e) => out.scans.push(e));
  s.on('status', (e) => out.statuses.push(e));
  return out;
}

const DEVICE = { path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b61 };

describe('HidScanner (replayed reports)', () => {
  test('HID POS: a Data Matrix and a QR arrive as two scans with their AIM symbology', async () => {
    const f = loadHidFixture('hid-pos-honeywell-datamatrix.json');
    const backend = replayBackend();
    const s = new HidScanner({ kind: 'hid-pos', device: DEVICE, backend, clock: () => 7 });
    const got = collect(s);
    await s.open();
    assert.deepEqual(backend.opened, ['/dev/hidraw3']);
    assert.deepEqual(
      got.statuses.map((x) => x.kind),
      ['connected'],
    );
    assert.equal(got.statuses[0]?.device, '0c2e:0b61 /dev/hidraw3');
    backend.handle.replay(f.bytes);
    assert.deepEqual(
      got.scans,
      f.expected.map((e) => ({ ...e, source: { kind: 'hid-pos', id: 'hid-pos:0c2e:0b61' }, at: 7 })),
    );
  });

  test('HID POS: the layout comes from the report descriptor the backend gives', async () => {
    const f = loadHidFixture('hid-pos-short-reports-qr.json');
    const backend = replayBackend({ descriptor: f.descriptor });
    const s = new HidScanner({ kind: 'hid-pos', id: 'kiosk', device: DEVICE, backend });
    const got = collect(s);
    await s.open();
    backend.handle.replay(f.bytes);
    assert.deepEqual(
      got.scans.map((x) => [x.text, x.symbology, x.source.id]),
      [[f.expected[0]?.text, ']Q1', 'kiosk']],
    );
  });

  test('keyboard mode through hidraw, Italian layout', async () => {
    const f = loadHidFixture('hid-keyboard-it.json');
    const backend = replayBackend();
    const s = new HidScanner({ kind: 'hid-keyboard', device: DEVICE, backend, layout: 'it' });
    const got = collect(s);
    await s.open();
    backend.handle.replay(f.bytes);
    assert.deepEqual(
      got.scans.map((x) => [x.text, x.symbology]),
      f.expected.map((e) => [e.text, null]),
    );
  });

  test("keyboard mode with terminator 'none': the idle timeout ends the scan", async () => {
    const f = loadHidFixture('hid-keyboard-us.json');
    const backend = replayBackend();
    const s = new HidScanner({ kind: 'hid-keyboard', device: DEVICE, backend, terminator: 'none', idleTimeoutMs: 20 });
    const scanned = new Promise<ScanEvent>((resolve) => s.on('scan', resolve));
    await s.open();
    const enter = f.bytes.findIndex((r) => r[2] === 0x28);
    backend.handle.replay(f.bytes.slice(0, enter));
    assert.equal((await scanned).text, f.expected[0]?.text);
    await s.close();
  });

  test('a read error (unplug) releases the device and says disconnected once', async () => {
    const backend = replayBackend();
    const s = new HidScanner({ kind: 'hid-pos', device: DEVICE, backend });
    const got = collect(s);
    await s.open();
    backend.handle.fail(new Error('could not read from HID device'));
    backend.handle.fail(new Error('could not read from HID device'));
    await new Promise((r) => setImmediate(r));
    assert.equal(s.isOpen, false);
    assert.equal(backend.handle.closed, true);
    assert.deepEqual(
      got.statuses.map((x) => x.kind),
      ['connected', 'disconnected'],
    );
  });

  test('open refused by the OS: DeviceUnavailable permission-denied and a status with the udev rule for these ids', async () => {
    const backend = replayBackend({
      openError: new Error(
        "cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Permission denied",
      ),
    });
    const s = new HidScanner({ kind: 'hid-pos', device: DEVICE, backend });
    const got = collect(s);
    await assert.rejects(
      s.open(),
      (err: unknown) => err instanceof DeviceUnavailable && err.reason === 'permission-denied' && err.fix?.kind === 'udev-rule',
    );
    assert.equal(s.isOpen, false);
    const status = got.statuses[0];
    assert.equal(status?.kind, 'permission-denied');
    if (status?.kind === 'permission-denied' && status.fix.kind === 'udev-rule') {
      assert.equal(status.fix.rule, 'SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b61", MODE="0660", TAG+="uaccess"');
      assert.equal(status.fixKey, 'scanner:fix.udev-rule');
    }
  });

  test('close() releases the device without a status; reports after that are ignored', async () => {
    const f = loadHidFixture('hid-pos-honeywell-qr.json');
    const backend = replayBackend();
    const s = new HidScanner({ kind: 'hid-pos', device: DEVICE, backend });
    const got = collect(s);
    await s.open();
    await s.close();
    backend.handle.replay(f.bytes);
    assert.equal(backend.handle.closed, true);
    assert.deepEqual(
      got.statuses.map((x) => x.kind),
      ['connected'],
    );
    assert.deepEqual(got.scans, []);
  });
});
