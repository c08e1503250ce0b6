import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTarget, parseTarget } from '../../../../drivers/printer/target';
import { PrinterTargetInvalid } from '../../../../drivers/printer/errors';

test('each target kind parses into its typed form and formats back to the same string', () => {
  const cases = [
    ['serial:/dev/ttyUSB0?baud=9600', { kind: 'serial', path: '/dev/ttyUSB0', baud: 9600 }],
    ['serial:/dev/ttyS1?baud=115200', { kind: 'serial', path: '/dev/ttyS1', baud: 115200 }],
    ['tcp:192.168.1.50:9100', { kind: 'tcp', host: '192.168.1.50', port: 9100 }],
    ['tcp:printer-1.cassa.local:9101', { kind: 'tcp', host: 'printer-1.cassa.local', port: 9101 }],
    ['tcp:[fe80::1]:9100', { kind: 'tcp', host: 'fe80::1', port: 9100 }],
    ['usb:/dev/usb/lp0', { kind: 'usb', path: '/dev/usb/lp0' }],
    ['file:/var/spool/sportello/out.bin', { kind: 'file', path: '/var/spool/sportello/out.bin' }],
  ] as const;
  for (const [text, target] of cases) {
    assert.deepEqual(parseTarget(text), target, text);
    assert.equal(formatTarget(parseTarget(text)), text);
  }
});

test('defaults: 9600 baud on serial, port 9100 on tcp', () => {
  assert.deepEqual(parseTarget('serial:/dev/ttyACM0'), { kind: 'serial', path: '/dev/ttyACM0', baud: 9600 });
  assert.deepEqual(parseTarget('tcp:10.0.0.7'), { kind: 'tcp', host: '10.0.0.7', port: 9100 });
});

test('malformed targets are refused with a typed error that names the target', () => {
  const bad = [
    '/dev/usb/lp0', // no scheme
    'lpt:/dev/lp0', // unknown scheme
    'usb:dev/usb/lp0', // relative path
    'serial:/dev/ttyUSB0?baud=9601', // not a serial rate
    'serial:/dev/ttyUSB0?baud=fast',
    'serial:/dev/ttyUSB0?parity=even', // unknown option
    'tcp:192.168.1.50:0',
    'tcp:192.168.1.50:70000',
    'tcp:192.168.1.50:91x',
    'tcp:fe80::1:9100', // IPv6 without brackets
    'tcp:[not-v6]:9100',
    'tcp:bad host:9100',
    'tcp:',
  ];
  for (const text of bad) {
    assert.throws(
      () => parseTarget(text),
      (err: unknown) => {
        assert.ok(err instanceof PrinterTargetInvalid, text);
        assert.equal(err.code, 'PRINTER_TARGET_INVALID');
        assert.equal(err.details.target, text);
        return true;
      },
    );
  }
});
