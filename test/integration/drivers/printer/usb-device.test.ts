// The usb: transport reads and writes a character device the way the kernel's usblp driver exposes
// a USB printer (/dev/usb/lpN). No USB printer exists on this machine, so the device node here is
// one end of a socat pty pair (also a character device, also non-blocking) and the scripted fake
// printer sits on the other end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cut, doc, text } from '../../../../drivers/printer/document';
import { PrinterUnavailable } from '../../../../drivers/printer/errors';
import { Printer } from '../../../../drivers/printer/printer';
import { PROFILE_80MM } from '../../../../drivers/printer/profile';
import { parseTarget } from '../../../../drivers/printer/target';
import { attachFakePrinter } from '../../../support/fake-printer';
import { openPtyPair } from '../../../support/pty';

test('printing through the device file: text with € arrives, status is read back', async (t) => {
  const pty = await openPtyPair(t);
  const fake = await attachFakePrinter(pty.b);
  t.after(() => fake.close());
  const printer = new Printer({ target: parseTarget(`usb:${pty.a}`), profile: PROFILE_80MM, statusTimeoutMs: 2_000 });
  fake.set({ paperNearEnd: true });
  const result = await printer.print(doc(text('Ricevuta n. 7 – 15,00 €'), cut()));
  assert.deepEqual(result.warnings, ['paper-near-end']);
  assert.deepEqual(fake.interpretation().lines[0], 'Ricevuta n. 7 - 15,00 €');
});

test('a device that answers nothing is offline; a device node that disappears is unplugged', async (t) => {
  const pty = await openPtyPair(t);
  const fake = await attachFakePrinter(pty.b);
  t.after(() => fake.close());
  const printer = new Printer({ target: parseTarget(`usb:${pty.a}`), profile: PROFILE_80MM, statusTimeoutMs: 200 });
  fake.set({ answersStatus: false });
  await assert.rejects(printer.print(doc(text('x'))), (err: unknown) => err instanceof PrinterUnavailable && err.reason === 'offline');
  await pty.close();
  await assert.rejects(printer.print(doc(text('x'))), (err: unknown) => err instanceof PrinterUnavailable && err.reason === 'unplugged');
});
