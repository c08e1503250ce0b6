// The technician's stored scanner choice, read as the ScannerManager's choice.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scannerChoiceOf, ScannerChoiceInvalid } from '../../../../../main/services/devices/scanner-choice';

describe('scannerChoiceOf', () => {
  test('the wedge needs no device', () => {
    assert.equal(scannerChoiceOf({ scanner: 'wedge' }), null);
  });

  test('HID POS and hidraw keyboard scanners by USB ids and serial number (which may hold colons)', () => {
    assert.deepEqual(scannerChoiceOf({ scanner: 'hid:0c2e:0b61' }), {
      id: 'hid:0c2e:0b61',
      kind: 'hid-pos',
      vendorId: 0x0c2e,
      productId: 0x0b61,
    });
    assert.deepEqual(scannerChoiceOf({ scanner: 'hid-keyboard:05f9:2214:A:B' }), {
      id: 'hid-keyboard:05f9:2214:A:B',
      kind: 'hid-keyboard',
      vendorId: 0x05f9,
      productId: 0x2214,
      serialNumber: 'A:B',
    });
    assert.deepEqual(scannerChoiceOf({ scanner: 'hid:/dev/hidraw2' }), { id: 'hid:/dev/hidraw2', kind: 'hid-pos', path: '/dev/hidraw2' });
  });

  test("a serial scanner by its port, with the technician's line or 9600 baud and CR", () => {
    assert.deepEqual(scannerChoiceOf({ scanner: 'serial:/dev/ttyACM0' }), {
      id: 'serial:/dev/ttyACM0',
      kind: 'serial',
      path: '/dev/ttyACM0',
      baudRate: 9600,
      suffix: 'CR',
    });
    assert.deepEqual(scannerChoiceOf({ scanner: 'serial:/dev/ttyS1', scannerLine: { baudRate: 115200, suffix: 'CRLF' } }), {
      id: 'serial:/dev/ttyS1',
      kind: 'serial',
      path: '/dev/ttyS1',
      baudRate: 115200,
      suffix: 'CRLF',
    });
  });

  test('anything else is SCANNER_CHOICE_INVALID', () => {
    for (const scanner of ['usb:1', 'hid:xyz', 'serial:relative', '']) {
      assert.throws(
        () => scannerChoiceOf({ scanner }),
        (e: unknown) => e instanceof ScannerChoiceInvalid && e.code === 'SCANNER_CHOICE_INVALID',
      );
    }
  });
});
