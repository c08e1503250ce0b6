// Issue 14 part 1: an HID POS scanner in the running core. No HID device can exist on this
// machine (no USB, no uhid), so the device is injected where the core would ask the system: the
// device service's listHid says it is plugged in, and its driver is the real HidScanner (the real
// HID POS decoder, layout from the report descriptor) over a backend that replays a report stream
// of test/fixtures/hid instead of reading /dev/hidraw. Everything after the reports is the
// running core: the scan goes out as `scanner.scan` on an operator's WebSocket and verifies a
// notice against the simulator; the device gone from the listing shows as disconnected.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HidScanner } from '../../../drivers/scanner/hid-scanner';
import type { HidBackend, HidDeviceInfo, HidHandle } from '../../../drivers/scanner/hid-device';
import { loadHidFixture } from '../../unit/drivers/scanner/fixtures';
import { serve } from '../server/harness';
import { value } from '../security/harness';
import { Heard, scannerState } from './harness';

/** The open device: reports go to the driver when the test replays them. */
class ReplayHandle implements HidHandle {
  private listener: ((r: Uint8Array) => void) | null = null;
  onReport(l: (r: Uint8Array) => void): void {
    this.listener = l;
  }
  onError(): void {}
  async close(): Promise<void> {}
  replay(reports: Uint8Array[]): void {
    for (const r of reports) this.listener?.(r);
  }
}

const DEVICE: HidDeviceInfo = {
  path: '/dev/hidraw3',
  vendorId: 0x0c2e,
  productId: 0x0b61,
  serialNumber: 'HP-42',
  usagePage: 0x8c,
  usage: 0x02,
  interface: 0,
};

describe('issue 14: HID scanners in the running core (replayed reports)', { timeout: 120_000 }, () => {
  test('replayed reports -> scanner.scan -> verified notice; the device gone -> disconnected', async (t) => {
    const f = loadHidFixture('hid-pos-short-reports-qr.json');
    const handle = new ReplayHandle();
    const backend: HidBackend = {
      list: async () => [],
      open: async () => handle,
      reportDescriptor: async () => f.descriptor,
    };
    let plugged: HidDeviceInfo[] = [DEVICE];
    const s = await serve(t, {
      api: {
        devices: {
          pollMs: 200,
          listHid: async () => plugged,
          createScanner: (m) =>
            new HidScanner({ kind: m.choice.kind === 'hid-keyboard' ? 'hid-keyboard' : 'hid-pos', id: m.choice.id, device: m, backend }),
        },
      },
    });
    // The fixture's notice, created at the simulator (its creditor's fiscal code, its amount).
    const [expected] = f.expected;
    const [, , noticeNumber, fiscalCode, cents] = expected!.text.split('|');
    s.core.sim!.addPosition({
      fiscalCode,
      noticeNumber,
      companyName: 'Comune di prova',
      paymentDescription: 'TARI',
      transfers: [{ amountCents: Number(cents), iban: 'IT60X0542811101000000123456', remittanceInformation: 'TARI' }],
    });
    const operator = s.client(await s.signIn('operator'));
    assert.equal(await operator.opened, true);
    const scans = new Heard(operator, 'scanner.scan');
    const statuses = new Heard(operator, 'devices.status');

    const id = 'hid:0c2e:0b61:HP-42'; // as the technician's device list names it
    value(await s.api.call('technician.chooseDevices', { scanner: id }));
    const ready = await scannerState(operator, statuses, id, 'ready');
    assert.equal(ready.scanners.find((x) => x.id === id)?.kind, 'hid-pos');

    handle.replay(f.bytes);
    const scan = await scans.next();
    assert.deepEqual(
      { ...scan, at: 0 },
      { sourceId: id, kind: 'hid-pos', text: expected!.text, symbology: ']Q1', at: 0, terminal: 'counter' },
    );
    const session = value(await operator.call('session.start', { kind: 'counter' }));
    const added = value(await operator.call('session.addNotice', { sessionId: session.id, text: scan.text }));
    assert.equal(added.session.notices[0]?.ref.noticeNumber, noticeNumber);
    assert.equal(added.session.notices[0]?.phase, 'verified');
    assert.equal(added.session.notices[0]?.verification?.amountCents, Number(cents));
    value(await operator.call('session.cancel', { sessionId: session.id }));

    // Unplugged: the next poll no longer lists it.
    plugged = [];
    const gone = await scannerState(operator, statuses, id, 'disconnected');
    assert.equal(gone.scanners.find((x) => x.id === id)?.problem?.code, 'disconnected');
    // Back: ready again.
    plugged = [DEVICE];
    await scannerState(operator, statuses, id, 'ready');
  });

  test('a keyboard-mode scanner read through hidraw: boot keyboard reports -> scanner.scan -> verified notice', async (t) => {
    const f = loadHidFixture('hid-keyboard-us.json');
    const handle = new ReplayHandle();
    const backend: HidBackend = { list: async () => [], open: async () => handle, reportDescriptor: async () => null };
    const keyboard: HidDeviceInfo = {
      path: '/dev/hidraw5',
      vendorId: 0x05f9,
      productId: 0x2214,
      usagePage: 0x01,
      usage: 0x06,
      interface: 0,
    };
    const s = await serve(t, {
      api: {
        devices: {
          pollMs: 200,
          listHid: async () => [keyboard],
          createScanner: (m) => new HidScanner({ kind: 'hid-keyboard', id: m.choice.id, device: m, backend, layout: 'us' }),
        },
      },
    });
    const [qr, datamatrix] = f.expected;
    const [, , noticeNumber, fiscalCode, cents] = qr!.text.split('|');
    s.core.sim!.addPosition({
      fiscalCode,
      noticeNumber,
      companyName: 'Comune di prova',
      paymentDescription: 'TARI',
      transfers: [{ amountCents: Number(cents), iban: 'IT60X0542811101000000123456', remittanceInformation: 'TARI' }],
    });
    const operator = s.client(await s.signIn('operator'));
    assert.equal(await operator.opened, true);
    const scans = new Heard(operator, 'scanner.scan');
    const statuses = new Heard(operator, 'devices.status');
    const id = 'hid-keyboard:05f9:2214'; // as the technician's device list names a non-POS HID device
    value(await s.api.call('technician.chooseDevices', { scanner: id }));
    const ready = await scannerState(operator, statuses, id, 'ready');
    assert.equal(ready.scanners.find((x) => x.id === id)?.kind, 'hid-keyboard');

    handle.replay(f.bytes);
    const first = await scans.next();
    const second = await scans.next();
    assert.deepEqual(
      [first, second].map((x) => [x.kind, x.text]),
      [
        ['hid-keyboard', qr!.text],
        ['hid-keyboard', datamatrix!.text],
      ],
    );
    const session = value(await operator.call('session.start', { kind: 'counter' }));
    const added = value(await operator.call('session.addNotice', { sessionId: session.id, text: first.text }));
    assert.equal(added.session.notices[0]?.phase, 'verified');
    value(await operator.call('session.cancel', { sessionId: session.id }));
  });
});
