// The technician's core-side pieces on their own: the PIN hash, the device list from its sources,
// and merging an edit into the configuration with write-only secrets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPin, isStoredPin, pinMatches } from '../../../../../main/services/access/pin';
import { listDevices } from '../../../../../main/services/technician/devices';
import type { DeviceSources } from '../../../../../main/services/technician/devices';
import { mergeSettings } from '../../../../../main/services/technician/node-settings';
import { failureOf } from '../../../../../main/services/technician/node-test';
import { DeviceUnavailable } from '../../../../../drivers/scanner/index';
import { NodeHttpError, NodeNoResponse, NodeUnreachable } from '../../../../../main/node';
import type { Config } from '../../../../../main/config';

const CONFIG: Config = {
  version: 1,
  node: {
    endpoint: 'https://node.example/nodo-auth/node-for-psp/v1',
    subscriptionKey: 'sub-key-0123',
    idPSP: 'PSP1',
    idBrokerPSP: '12345678901',
    idChannel: '12345678901_01',
    password: 'Secret-Pass1',
    pspFiscalCode: '12345678901',
    pspName: 'PSP',
    tokenDurationMs: 1_800_000,
    timeoutsMs: {},
    isPoste: false,
  },
  terminal: { id: 'T1', kind: 'counter', locale: 'it', strictCheckDigit: false, kioskAbandonSeconds: 180 },
  fees: { kind: 'none' },
};
const nodeEdit = {
  endpoint: CONFIG.node.endpoint,
  idPSP: 'PSP2',
  idBrokerPSP: '12345678901',
  idChannel: '12345678901_01',
  pspFiscalCode: '12345678901',
  pspName: 'PSP',
};

describe('PIN hash', () => {
  test('scrypt with a fresh salt each time; only the right PIN matches', async () => {
    const a = await hashPin('97531');
    const b = await hashPin('97531');
    assert.ok(isStoredPin(a));
    assert.notEqual(a.salt, b.salt);
    assert.notEqual(a.hash, b.hash);
    assert.equal(JSON.stringify(a).includes('97531'), false);
    assert.equal(await pinMatches('97531', a), true);
    assert.equal(await pinMatches('97530', a), false);
    assert.equal(await pinMatches('', a), false);
    assert.equal(isStoredPin({ ...a, scheme: 'md5' }), false);
  });
});

// No scanner or printer can be plugged into this machine: the sources are given by the test.
describe('device list', () => {
  const sources = (over: Partial<DeviceSources> = {}): DeviceSources => ({
    hid: async () => [
      {
        path: '/dev/hidraw3',
        vendorId: 0x0c2e,
        productId: 0x0b61,
        interface: 0,
        usagePage: 0x8c,
        manufacturer: 'Honeywell',
        product: 'Xenon 1950g',
        serialNumber: 'S123',
      },
      { path: '/dev/hidraw4', vendorId: 0x046d, productId: 0xc31c, interface: 0, usagePage: 0x01 },
    ],
    serial: async () => [{ path: '/dev/ttyUSB0', vendorId: 0x067b, productId: 0x2303, manufacturer: 'Prolific' }],
    usbPrinters: async () => ['/dev/usb/lp0'],
    ...over,
  });

  test('scanners (the wedge first), serial ports, and every place a printer can be', async () => {
    const l = await listDevices(sources(), { printer: 'tcp:10.0.0.9:9100', paper: '80mm', scanner: 'wedge' });
    assert.deepEqual(
      l.scanners.map((s) => [s.id, s.kind]),
      [
        ['wedge', 'wedge'],
        ['hid:0c2e:0b61:S123', 'hid-pos'],
        ['hid-keyboard:046d:c31c', 'hid'], // another HID device: read as a keyboard-mode scanner (hidraw)
        ['serial:/dev/ttyUSB0', 'serial'],
      ],
    );
    assert.equal(l.scanners[1]?.name, 'Honeywell Xenon 1950g');
    assert.deepEqual(
      l.printers.map((p) => [p.target, p.source]),
      [
        ['usb:/dev/usb/lp0', 'usb-lp'],
        ['serial:/dev/ttyUSB0?baud=9600', 'serial'],
        ['tcp:10.0.0.9:9100', 'chosen'],
      ],
    );
    assert.deepEqual(l.serialPorts, [
      { path: '/dev/ttyUSB0', name: '067b:2303 /dev/ttyUSB0', manufacturer: 'Prolific', serialNumber: null },
    ]);
    assert.deepEqual(l.problems, []);
  });

  test('a source that fails is a listed problem, never an empty screen', async () => {
    const l = await listDevices(
      sources({
        hid: async () => {
          throw new DeviceUnavailable('driver-missing', 'node-hid could not be loaded');
        },
      }),
      { printer: null, paper: '80mm', scanner: 'wedge' },
    );
    assert.deepEqual(l.problems, [{ source: 'hid', code: 'DEVICE_UNAVAILABLE', message: 'node-hid could not be loaded' }]);
    assert.equal(l.scanners[0]?.id, 'wedge');
    assert.equal(l.printers.length, 2);
  });
});

describe('settings merge', () => {
  const terminal = { ...CONFIG.terminal };
  test('an empty or absent secret keeps the current one; a given one replaces it', () => {
    const kept = mergeSettings(CONFIG, {
      node: { ...nodeEdit, password: '', subscriptionKey: undefined },
      terminal,
      fees: { kind: 'none' },
    });
    assert.deepEqual([kept.node.password, kept.node.subscriptionKey, kept.node.idPSP], ['Secret-Pass1', 'sub-key-0123', 'PSP2']);
    const replaced = mergeSettings(CONFIG, {
      node: { ...nodeEdit, password: 'Other-Pass2' },
      terminal,
      fees: { kind: 'flat', cents: 200 },
    });
    assert.equal(replaced.node.password, 'Other-Pass2');
    assert.deepEqual(replaced.fees, { kind: 'flat', cents: 200 });
    assert.equal(replaced.node.tokenDurationMs, 1_800_000, 'what the form does not edit stays');
  });

  test('the whole file is validated: the first bad field is named, the value is not', () => {
    assert.throws(
      () => mergeSettings(CONFIG, { node: { ...nodeEdit, endpoint: 'ftp://x' }, terminal, fees: { kind: 'none' } }),
      (e: Error & { code?: string; details?: Record<string, unknown> }) => {
        assert.equal(e.code, 'SETTINGS_INVALID');
        assert.equal(e.details?.field, 'node.endpoint');
        return true;
      },
    );
    assert.throws(
      () => mergeSettings(CONFIG, { node: { ...nodeEdit, password: 'abc' }, terminal, fees: { kind: 'none' } }),
      (e: Error & { details?: Record<string, unknown> }) => {
        assert.equal(e.details?.field, 'node.password');
        assert.ok(!JSON.stringify(e.details).includes('abc'));
        return true;
      },
    );
  });
});

describe('connectivity failure names', () => {
  test('each typed node error becomes the step that failed', () => {
    assert.deepEqual(failureOf(new NodeUnreachable('nodoChiediCatalogoServiziV2', 'dns', {})).kind, 'dns');
    assert.deepEqual(failureOf(new NodeUnreachable('nodoChiediCatalogoServiziV2', 'other', {})).kind, 'connection');
    assert.deepEqual(failureOf(new NodeNoResponse('nodoChiediCatalogoServiziV2', 'timeout', {})).kind, 'timeout');
    const http = failureOf(new NodeHttpError('nodoChiediCatalogoServiziV2', 401));
    assert.deepEqual([http.kind, (http as { httpStatus?: number }).httpStatus], ['http', 401]);
    assert.equal(failureOf(new Error('boom')).kind, 'other');
  });
});
