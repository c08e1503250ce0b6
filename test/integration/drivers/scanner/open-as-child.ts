// Child process for permissions.test.ts: opens one device with the real driver, as whatever user
// it was started as, and prints what happened as one JSON line.
import { SerialScanner } from '../../../../drivers/scanner/serial-scanner';
import { HidScanner } from '../../../../drivers/scanner/hid-scanner';
import type { ScannerStatus } from '../../../../drivers/scanner/types';

const [kind, path] = process.argv.slice(2);
if ((kind !== 'serial' && kind !== 'hid') || !path) throw new Error('usage: open-as-child.ts serial|hid <path>');
const scanner =
  kind === 'serial'
    ? new SerialScanner({ path })
    : new HidScanner({ kind: 'hid-pos', device: { path, vendorId: 0x0c2e, productId: 0x0b61 } });
const statuses: ScannerStatus[] = [];
scanner.on('status', (s) => statuses.push(s));
try {
  await scanner.open();
  await scanner.close();
  console.log(JSON.stringify({ opened: true, statuses }));
} catch (err) {
  const error = err instanceof Error && 'toJSON' in err ? (err as { toJSON(): unknown }).toJSON() : String(err);
  console.log(JSON.stringify({ opened: false, error, statuses }));
}
