// ScannerManager's polling logic, driven with injected device lists. HID scanners cannot exist on
// this machine, so the scanners here are fakes that open or refuse to as told; the real serial
// path (socat ptys) is in test/integration/drivers/scanner/manager-serial.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ScannerManager, findDevice, type DeviceChoice, type DeviceMatch } from '../../../../drivers/scanner/manager';
import { BaseScanner } from '../../../../drivers/scanner/scanner-base';
import { hidrawUdevFix } from '../../../../drivers/scanner/permissions';
import { DeviceUnavailable } from '../../../../drivers/scanner/errors';
import { describeDevice } from '../../../../drivers/scanner/devices';
import type { HidDeviceInfo } from '../../../../drivers/scanner/hid-device';
import type { ScannerStatus, ScanEvent } from '../../../../drivers/scanner/types';

class FakeScanner extends BaseScanner {
  open_ = false;
  closed = 0;
  constructor(
    readonly match: DeviceMatch,
    private readonly refuse: () => Error | null,
  ) {
    super({ kind: match.choice.kind, id: match.choice.id }, describeDevice(match), () => 42);
  }
  get isOpen(): boolean {
    return this.open_;
  }
  async open(): Promise<void> {
    const err = this.refuse();
    if (err) throw this.failure(err, () => hidrawUdevFix(this.match));
    this.open_ = true;
    this.emitConnected();
  }
  async close(): Promise<void> {
    this.open_ = false;
    this.closed++;
  }
  /** the device reports a read ("a scanner read a code") */
  read(text: string): void {
    this.emitScan(text, ']Q1');
  }
  /** the read loop failed: what a driver does on unplug */
  unplugged(): void {
    this.open_ = false;
    this.emitDisconnected();
  }
}

const scanner = (over: Partial<HidDeviceInfo> = {}): HidDeviceInfo => ({
  path: '/dev/hidraw3',
  vendorId: 0x0c2e,
  productId: 0x0b61,
  serialNumber: 'S123',
  usagePage: 0x8c,
  usage: 0x02,
  interface: 0,
  ...over,
});

function harness(choices?: DeviceChoice[]) {
  let hid: HidDeviceInfo[] = [];
  let refuse: Error | null = null;
  let listError: Error | null = null;
  const created: FakeScanner[] = [];
  const statuses: ScannerStatus[] = [];
  const scans: ScanEvent[] = [];
  const manager = new ScannerManager({
    ...(choices ? { choices } : {}),
    listHid: async () => {
      if (listError) throw listError;
      return hid;
    },
    listSerial: async () => [],
    createScanner: (m) => {
      const s = new FakeScanner(m, () => refuse);
      created.push(s);
      return s;
    },
    clock: () => 42,
  });
  manager.on('status', (s) => statuses.push(s));
  manager.on('scan', (s) => scans.push(s));
  return {
    manager,
    created,
    statuses,
    scans,
    kinds: () => statuses.map((s) => (s.kind === 'unavailable' ? `unavailable:${s.reason}` : s.kind)),
    setDevices: (d: HidDeviceInfo[]) => (hid = d),
    setRefuse: (e: Error | null) => (refuse = e),
    setListError: (e: Error | null) => (listError = e),
  };
}

const CHOICE = { id: 'front-desk', kind: 'hid-pos' as const, vendorId: 0x0c2e, productId: 0x0b61, serialNumber: 'S123' };

describe('ScannerManager', () => {
  test('appears -> opens and reports connected; disappears -> disconnected; reappears under a new path -> reconnects', async () => {
    const h = harness([CHOICE]);
    await h.manager.poll();
    await h.manager.poll();
    assert.deepEqual(h.kinds(), ['unavailable:not-found'], 'not found is said once');

    h.setDevices([scanner()]);
    await h.manager.poll();
    assert.equal(h.created.length, 1);
    assert.equal(h.created[0]?.match.path, '/dev/hidraw3');
    assert.deepEqual(h.kinds(), ['unavailable:not-found', 'connected']);
    assert.deepEqual(h.statuses[1]?.source, { kind: 'hid-pos', id: 'front-desk' });

    h.created[0]?.read('PAGOPA|002|302000100000009424|01199250158|12345');
    assert.equal(h.scans[0]?.text, 'PAGOPA|002|302000100000009424|01199250158|12345');
    assert.deepEqual(h.scans[0]?.source, { kind: 'hid-pos', id: 'front-desk' });

    await h.manager.poll();
    assert.equal(h.created.length, 1, 'an open scanner that is still listed is left alone');

    h.setDevices([]);
    await h.manager.poll();
    assert.equal(h.created[0]?.closed, 1);
    assert.deepEqual(h.kinds().slice(2), ['disconnected']);
    await h.manager.poll();
    assert.deepEqual(h.kinds().slice(2), ['disconnected'], 'still gone: nothing new to say');

    h.setDevices([scanner({ path: '/dev/hidraw7' })]);
    await h.manager.poll();
    assert.equal(h.created.length, 2);
    assert.equal(h.created[1]?.match.path, '/dev/hidraw7');
    assert.deepEqual(h.kinds().slice(2), ['disconnected', 'connected']);
  });

  test('the choice follows its serial number, not the path, and ignores a twin with another serial', async () => {
    const h = harness([CHOICE]);
    h.setDevices([scanner({ path: '/dev/hidraw1', serialNumber: 'OTHER' }), scanner({ path: '/dev/hidraw2' })]);
    await h.manager.poll();
    assert.equal(h.created[0]?.match.path, '/dev/hidraw2');
    // replugged: same serial, new path, while still "open" to the driver
    h.setDevices([scanner({ path: '/dev/hidraw1', serialNumber: 'OTHER' }), scanner({ path: '/dev/hidraw4' })]);
    await h.manager.poll();
    assert.equal(h.created[0]?.closed, 1);
    assert.equal(h.created[1]?.match.path, '/dev/hidraw4');
    assert.deepEqual(h.kinds(), ['connected', 'disconnected', 'connected']);
  });

  test('a driver that notices the unplug itself: one disconnected status, reopened when back', async () => {
    const h = harness([CHOICE]);
    h.setDevices([scanner()]);
    await h.manager.poll();
    h.created[0]?.unplugged();
    assert.deepEqual(h.kinds(), ['connected', 'disconnected']);
    h.setDevices([]);
    await h.manager.poll();
    assert.deepEqual(h.kinds(), ['connected', 'disconnected']);
    h.setDevices([scanner()]);
    await h.manager.poll();
    assert.deepEqual(h.kinds(), ['connected', 'disconnected', 'connected']);
    assert.equal(h.created.length, 2);
  });

  test('permission denied: reported once with the udev fix, retried each poll, connected once fixed', async () => {
    const h = harness([CHOICE]);
    h.setDevices([scanner()]);
    h.setRefuse(
      new Error("cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Permission denied"),
    );
    await h.manager.poll();
    await h.manager.poll();
    assert.deepEqual(h.kinds(), ['permission-denied']);
    const denied = h.statuses[0];
    assert.equal(denied?.kind, 'permission-denied');
    if (denied?.kind === 'permission-denied') {
      assert.equal(denied.fix.kind, 'udev-rule');
      assert.match(denied.fix.kind === 'udev-rule' ? denied.fix.rule : '', /ATTRS\{idVendor\}=="0c2e", ATTRS\{idProduct\}=="0b61"/);
    }
    assert.equal(h.created.length, 2, 'tried again on the second poll');
    h.setRefuse(null);
    await h.manager.poll();
    assert.deepEqual(h.kinds(), ['permission-denied', 'connected']);
  });

  test('without choices every HID POS scanner found is opened, keyboards are not', async () => {
    const h = harness();
    h.setDevices([
      scanner(),
      scanner({ path: '/dev/hidraw0', vendorId: 0x046d, productId: 0xc31c, serialNumber: undefined, usagePage: 0x01, usage: 0x06 }),
    ]);
    await h.manager.poll();
    assert.deepEqual(
      h.created.map((s) => s.match.path),
      ['/dev/hidraw3'],
    );
    assert.equal(h.created[0]?.match.choice.id, 'hid-pos:0c2e:0b61:S123');
    h.setDevices([]);
    await h.manager.poll();
    assert.deepEqual(h.kinds(), ['connected', 'disconnected']);
    assert.deepEqual([...h.manager.statuses().keys()], [], 'a vanished auto-found scanner is forgotten');
  });

  test('a failing device list (node-hid missing) is reported once and leaves serial choices alone', async () => {
    const h = harness([CHOICE, { id: 'till-serial', kind: 'serial', path: '/dev/ttyACM0' }]);
    h.setListError(
      new DeviceUnavailable('driver-missing', 'node-hid could not be loaded: libusb-1.0.so.0: cannot open shared object file'),
    );
    await h.manager.poll();
    await h.manager.poll();
    assert.deepEqual(
      h.statuses.map((s) => [s.source.id, s.kind === 'unavailable' ? s.reason : s.kind]),
      [
        ['front-desk', 'driver-missing'],
        ['till-serial', 'not-found'],
      ],
    );
  });

  test('start() polls at once and on the injected interval; stop() closes the scanners', async () => {
    let tick: (() => void) | null = null;
    let stopped = false;
    const created: FakeScanner[] = [];
    const manager = new ScannerManager({
      choices: [CHOICE],
      listHid: async () => [scanner()],
      listSerial: async () => [],
      createScanner: (m) => {
        const s = new FakeScanner(m, () => null);
        created.push(s);
        return s;
      },
      pollMs: 1234,
      every: (fn, ms) => {
        assert.equal(ms, 1234);
        tick = fn;
        return () => (stopped = true);
      },
    });
    manager.start();
    await manager.poll();
    assert.equal(created.length, 1);
    assert.ok(tick);
    (tick as () => void)();
    await manager.poll();
    assert.equal(created.length, 1);
    await manager.stop();
    assert.equal(stopped, true);
    assert.equal(created[0]?.closed, 1);
  });
});

describe('findDevice', () => {
  test('for hid-pos the HID POS interface wins over the keyboard interface of the same scanner', () => {
    const kb = scanner({ path: '/dev/hidraw1', usagePage: 0x01, usage: 0x06 });
    const pos = scanner({ path: '/dev/hidraw2' });
    assert.equal(findDevice(CHOICE, [kb, pos])?.path, '/dev/hidraw2');
    assert.equal(findDevice({ ...CHOICE, kind: 'hid-keyboard' }, [pos, kb])?.path, '/dev/hidraw1');
  });

  test('path only when no ids are configured', () => {
    const devices = [scanner({ path: '/dev/hidraw1' }), scanner({ path: '/dev/hidraw2' })];
    assert.equal(findDevice({ kind: 'hid-pos', path: '/dev/hidraw2' }, devices)?.path, '/dev/hidraw2');
    assert.equal(findDevice({ kind: 'hid-pos', path: '/dev/hidraw9' }, devices), null);
    assert.equal(findDevice({ kind: 'hid-pos', vendorId: 0x0c2e, path: '/dev/hidraw9' }, devices)?.path, '/dev/hidraw1');
  });
});
