import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SportelloError } from '../../../../kernel/errors';
import { DeviceUnavailable, classifyDeviceError, reasonKey } from '../../../../drivers/scanner/errors';
import { describeFix, dialoutFix, hidrawUdevFix } from '../../../../drivers/scanner/permissions';
import { describeDevice, deviceKey } from '../../../../drivers/scanner/devices';
import { statusForError } from '../../../../drivers/scanner/status';

describe('scanner errors', () => {
  test('DeviceUnavailable is a SportelloError with code, reason, key, and retryable by reason', () => {
    const fix = hidrawUdevFix({ vendorId: 0x0c2e, productId: 0x0b61 });
    const e = new DeviceUnavailable('permission-denied', 'no access', { device: '0c2e:0b61 /dev/hidraw3', fix });
    assert.ok(e instanceof SportelloError);
    assert.equal(e.code, 'DEVICE_UNAVAILABLE');
    assert.equal(e.reason, 'permission-denied');
    assert.equal(e.messageKey, 'scanner:unavailable.permission-denied');
    assert.equal(e.retryable, false);
    assert.deepEqual(e.toJSON().details, {
      reason: 'permission-denied',
      messageKey: reasonKey('permission-denied'),
      device: '0c2e:0b61 /dev/hidraw3',
      fix,
    });
    assert.equal(new DeviceUnavailable('disconnected', 'gone').retryable, true);
    assert.equal(new DeviceUnavailable('driver-missing', 'no libusb').retryable, false);
  });

  test('what node-hid, serialport and the OS say maps to a reason', () => {
    const cases: [unknown, string][] = [
      [
        new Error("cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Permission denied"),
        'permission-denied',
      ],
      [new Error('Error: Permission denied, cannot open /dev/ttyACM0'), 'permission-denied'],
      [Object.assign(new Error('open'), { code: 'EACCES' }), 'permission-denied'],
      [
        new Error("cannot open device with path /dev/hidraw9: Failed to open a device with path '/dev/hidraw9': No such file or directory"),
        'not-found',
      ],
      [
        new Error(
          'cannot open device with vendor id 0x1234 and product id 0x5678: No HID devices with requested VID/PID found in the system.',
        ),
        'not-found',
      ],
      [new Error('Error Resource temporarily unavailable Cannot lock port'), 'busy'],
      [Object.assign(new Error('x'), { code: 'EBUSY' }), 'busy'],
      [new Error('could not read from HID device'), 'disconnected'],
      [new Error('bad file descriptor'), 'disconnected'],
      [new Error('something else'), 'io-error'],
      ['a string', 'io-error'],
      [new DeviceUnavailable('driver-missing', 'x'), 'driver-missing'],
    ];
    for (const [err, reason] of cases) assert.equal(classifyDeviceError(err), reason, String(err));
  });

  test('the udev fix names the device ids, the rules file and the reload commands', () => {
    const fix = hidrawUdevFix({ vendorId: 0x0c2e, productId: 0x0b61 });
    assert.deepEqual(fix, {
      kind: 'udev-rule',
      rule: 'SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b61", MODE="0660", TAG+="uaccess"',
      file: '/etc/udev/rules.d/70-sportello-scanner.rules',
      commands: ['sudo udevadm control --reload-rules', 'sudo udevadm trigger --subsystem-match=hidraw'],
    });
    assert.match(describeFix(fix), /70-sportello-scanner\.rules.*idVendor}=="0c2e".*udevadm control --reload-rules/);
  });

  test('without ids the udev fix says how to find them', () => {
    const fix = hidrawUdevFix({ path: '/dev/hidraw5' });
    assert.equal(fix.kind, 'udev-rule');
    if (fix.kind !== 'udev-rule') return;
    assert.match(fix.rule, /idVendor}=="xxxx"/);
    assert.match(fix.commands[0] ?? '', /udevadm info --attribute-walk --name=\/dev\/hidraw5/);
  });

  test('the serial fix is the dialout group and a new login', () => {
    assert.deepEqual(dialoutFix(), { kind: 'dialout-group', command: 'sudo usermod -aG dialout $USER', relogin: true });
    assert.match(describeFix(dialoutFix()), /usermod -aG dialout \$USER.*log out and back in/);
  });

  test('statuses built from errors carry their locale keys and the fix', () => {
    const source = { kind: 'serial' as const, id: 'serial:1' };
    const denied = statusForError(new DeviceUnavailable('permission-denied', 'x', { fix: dialoutFix() }), source, '/dev/ttyACM0', 5);
    assert.deepEqual(denied, {
      kind: 'permission-denied',
      source,
      at: 5,
      device: '/dev/ttyACM0',
      fix: dialoutFix(),
      fixKey: 'scanner:fix.dialout-group',
      messageKey: 'scanner:status.permission-denied',
    });
    const busy = statusForError(new DeviceUnavailable('busy', 'x'), source, '/dev/ttyACM0', 6);
    assert.equal(busy.kind, 'unavailable');
    assert.equal(busy.kind === 'unavailable' ? busy.reasonKey : '', 'scanner:unavailable.busy');
    assert.equal(statusForError(new DeviceUnavailable('disconnected', 'x'), source, 'd', 7).kind, 'disconnected');
  });

  test('device names and keys: ids survive a replug, the path does not', () => {
    assert.equal(describeDevice({ vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw3' }), '0c2e:0b61 /dev/hidraw3');
    assert.equal(describeDevice({}), 'unknown device');
    assert.equal(deviceKey({ vendorId: 0x0c2e, productId: 0x0b61, serialNumber: 'S1', path: '/dev/hidraw3' }), '0c2e:0b61:S1');
    assert.equal(deviceKey({ path: '/dev/ttyS0' }), '/dev/ttyS0');
  });
});
