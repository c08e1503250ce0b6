// "Permission denied" for real: the drivers open a device node the current user may not open.
// Run as root (as in CI here), the child process drops to user nobody with setpriv, since root
// passes every permission check; as another user, the node is made mode 000 instead.
//  - serial: a socat pty (root-owned, mode 600 as created) through serialport;
//  - HID: no HID device can exist on this machine, so a root-only file stands in for
//    /dev/hidrawN; node-hid (hidapi's hidraw backend) opens it with open(2) and gets EACCES,
//    which is the same failure a real /dev/hidrawN without a udev rule gives.
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPtyPair } from '../../../support/pty';
import { tempDir } from '../../../support/tmp';
import type { ScannerStatus } from '../../../../drivers/scanner/types';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const child = fileURLToPath(new URL('./open-as-child.ts', import.meta.url));
const isRoot = process.getuid?.() === 0;

interface ChildResult {
  opened: boolean;
  error?: { code: string; details: { reason: string; fix?: unknown } };
  statuses: ScannerStatus[];
}

function openAsUnprivileged(t: TestContext, kind: 'serial' | 'hid', path: string): ChildResult {
  const home = tempDir(t, 'sportello-nobody-');
  chmodSync(home, 0o777);
  const node = [process.execPath, '--import', 'tsx', child, kind, path];
  const cmd = isRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
  if (!isRoot) chmodSync(path, 0o000);
  const r = spawnSync(cmd[0] as string, cmd.slice(1), { cwd: root, encoding: 'utf8', env: { ...process.env, HOME: home, TMPDIR: home } });
  assert.equal(r.status, 0, `child failed: ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ChildResult;
}

describe('permission denied, for real', () => {
  test('serial: the dialout fix, in the error and in the status', async (t) => {
    const pty = await openPtyPair(t);
    const device = realpathSync(pty.a); // /dev/pts/N: the temp dir holding the link is private
    const r = openAsUnprivileged(t, 'serial', device);
    assert.equal(r.opened, false);
    assert.equal(r.error?.code, 'DEVICE_UNAVAILABLE');
    assert.equal(r.error?.details.reason, 'permission-denied');
    assert.deepEqual(r.error?.details.fix, { kind: 'dialout-group', command: 'sudo usermod -aG dialout $USER', relogin: true });
    const status = r.statuses[0];
    assert.equal(status?.kind, 'permission-denied');
    assert.equal(status?.kind === 'permission-denied' ? status.fixKey : '', 'scanner:fix.dialout-group');
  });

  test('HID through node-hid: the udev rule with the device ids', (t) => {
    const dir = tempDir(t, 'sportello-hidraw-');
    chmodSync(dir, 0o755);
    const fake = join(dir, 'hidraw0');
    writeFileSync(fake, '');
    chmodSync(fake, 0o600);
    const r = openAsUnprivileged(t, 'hid', fake);
    assert.equal(r.opened, false);
    assert.equal(r.error?.details.reason, 'permission-denied');
    const status = r.statuses[0];
    assert.equal(status?.kind, 'permission-denied');
    if (status?.kind === 'permission-denied') {
      assert.deepEqual(status.fix, {
        kind: 'udev-rule',
        rule: 'SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b61", MODE="0660", TAG+="uaccess"',
        file: '/etc/udev/rules.d/70-sportello-scanner.rules',
        commands: ['sudo udevadm control --reload-rules', 'sudo udevadm trigger --subsystem-match=hidraw'],
      });
    }
  });
});
