// The kiosk's "without a working printer" setting: the schema takes the two choices only, the
// database keeps the technician's choice, and the default depends on the mode (demo: QR receipt).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../../../db';
import { readWithoutPrinter, withoutPrinterSchema, writeWithoutPrinter } from '../../../../../main/services/kiosk/settings';
import { requireReceiptWay } from '../../../../../main/services/kiosk/printer-check';

test('the schema takes out-of-service and qr-receipt, nothing else', () => {
  assert.equal(withoutPrinterSchema.parse('out-of-service'), 'out-of-service');
  assert.equal(withoutPrinterSchema.parse('qr-receipt'), 'qr-receipt');
  for (const bad of ['', 'paper', 'QR-RECEIPT', null, 1]) assert.equal(withoutPrinterSchema.safeParse(bad).success, false, String(bad));
});

test('a real database keeps the choice; the default is out of service, QR in demo mode', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-settings-'));
  const db = openDatabase(join(dir, 'sportello.db'));
  t.after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  assert.equal(readWithoutPrinter(db, false), 'out-of-service');
  assert.equal(readWithoutPrinter(db, true), 'qr-receipt');
  assert.equal(writeWithoutPrinter(db, 'qr-receipt'), 'qr-receipt');
  assert.equal(readWithoutPrinter(db, false), 'qr-receipt');
  writeWithoutPrinter(db, 'out-of-service');
  assert.equal(readWithoutPrinter(db, true), 'out-of-service');
  assert.throws(() => writeWithoutPrinter(db, 'paper' as never));
  assert.equal(readWithoutPrinter(db, true), 'out-of-service', 'a refused value changes nothing');
});

test('without a working printer: out of service refuses with KIOSK_OUT_OF_SERVICE, the QR receipt goes on', () => {
  assert.equal(requireReceiptWay({ state: 'ready', reason: null }, 'out-of-service'), 'paper');
  assert.equal(requireReceiptWay({ state: 'none', reason: 'not-configured' }, 'qr-receipt'), 'qr');
  assert.throws(() => requireReceiptWay({ state: 'problem', reason: 'paper-end' }, 'out-of-service'), {
    code: 'KIOSK_OUT_OF_SERVICE',
    message: /paper-end/,
  });
});
