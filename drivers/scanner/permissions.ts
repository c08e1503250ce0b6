/**
 * The Linux fixes for "permission denied", spelled out with the device's own ids so a technician
 * can paste them. hidraw nodes are root-only by default on Debian: a udev rule gives them to the
 * logged-in seat user (`uaccess`, which must run before 73-seat-late.rules, hence the 70- prefix).
 * USB-CDC/serial ttys belong to group `dialout`; group changes apply to new login sessions only.
 */
import { missingCase } from '../../kernel/errors';
import type { PermissionFix } from './types';

export const UDEV_RULES_FILE = '/etc/udev/rules.d/70-sportello-scanner.rules';

/** USB ids the way udev writes them: four lower-case hex digits. */
export function usbIdHex(id: number): string {
  return (id & 0xffff).toString(16).padStart(4, '0');
}

export function hidrawUdevFix(device: {
  vendorId?: number | undefined;
  productId?: number | undefined;
  path?: string | undefined;
}): PermissionFix {
  const known = device.vendorId !== undefined && device.productId !== undefined;
  const vendor = device.vendorId !== undefined ? usbIdHex(device.vendorId) : 'xxxx';
  const product = device.productId !== undefined ? usbIdHex(device.productId) : 'yyyy';
  const rule = `SUBSYSTEM=="hidraw", ATTRS{idVendor}=="${vendor}", ATTRS{idProduct}=="${product}", MODE="0660", TAG+="uaccess"`;
  const commands = ['sudo udevadm control --reload-rules', 'sudo udevadm trigger --subsystem-match=hidraw'];
  if (!known) {
    // Without ids the rule cannot be written for the technician: tell them where to read the ids.
    commands.unshift(`udevadm info --attribute-walk --name=${device.path ?? '/dev/hidrawN'} | grep -m2 -E 'idVendor|idProduct'`);
  }
  return { kind: 'udev-rule', rule, file: UDEV_RULES_FILE, commands };
}

export function dialoutFix(): PermissionFix {
  return { kind: 'dialout-group', command: 'sudo usermod -aG dialout $USER', relogin: true };
}

/** One line for logs and the CLI (the UI uses the locale key with these values). */
export function describeFix(fix: PermissionFix): string {
  switch (fix.kind) {
    case 'udev-rule':
      return `write to ${fix.file}: ${fix.rule} ; then run: ${fix.commands.join(' && ')} ; then replug the scanner`;
    case 'dialout-group':
      return `run: ${fix.command} ; then log out and back in`;
    default:
      return missingCase(fix);
  }
}
