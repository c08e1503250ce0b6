// A kiosk's receipt through the contract against a real core and simulator: the printer is checked
// before a payment (none, unreachable, a spool file), the technician's choice decides what happens
// without one (KIOSK_OUT_OF_SERVICE before the card, or the QR receipt), and the QR receipt carries
// the certificate's data.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeCardTerminalSettings } from '../../../main/services/kiosk/settings';
import { ensureSpoolDir, spoolDir } from '../../../main/services/printer/policy';
import { PRINTER_SETTING } from '../../../main/services/printer/setting';
import { error, QR_TARI, start, value } from './harness';
import type { Started } from './harness';

async function activated(s: Started): Promise<string> {
  writeCardTerminalSettings(s.core.db, { kind: 'simulated', script: 'approve', stepMs: 0, cardWaitMs: 0 });
  const session = value(await s.api.call('session.start', { kind: 'kiosk' }));
  value(await s.api.call('session.addNotice', { sessionId: session.id, text: QR_TARI }));
  value(await s.api.call('session.activate', { sessionId: session.id }));
  return session.id;
}

describe('kiosk receipt', { timeout: 60_000 }, () => {
  test('the printer as checked: none in the demo, unreachable over TCP, a spool file ready', async (t) => {
    const s = await start(t);
    let k = value(await s.api.call('kiosk.settings', {}));
    assert.deepEqual([k.printer, k.printerReason, k.withoutPrinter], ['none', 'not-configured', 'qr-receipt']);
    s.core.db.settings.set(PRINTER_SETTING, { target: 'tcp:127.0.0.1:9', paper: '80mm' });
    k = value(await s.api.call('kiosk.settings', {}));
    assert.equal(k.printer, 'problem');
    assert.ok(k.printerReason);
    const spool = ensureSpoolDir(spoolDir(s.core.db, s.core.dataDir));
    s.core.db.settings.set(PRINTER_SETTING, { target: `file:${join(spool, 'receipts.bin')}`, paper: '80mm' });
    k = value(await s.api.call('kiosk.settings', {}));
    assert.deepEqual([k.printer, k.printerReason], ['ready', null]);
  });

  test('out of service: payByCard refuses before the card, nothing charged, the session still activated', async (t) => {
    const s = await start(t);
    assert.equal(value(await s.api.call('kiosk.setWithoutPrinter', { withoutPrinter: 'out-of-service' })).withoutPrinter, 'out-of-service');
    assert.equal(value(await s.api.call('kiosk.settings', {})).withoutPrinter, 'out-of-service');
    const id = await activated(s);
    const e = error(await s.api.call('kiosk.payByCard', { sessionId: id }));
    assert.equal(e.code, 'KIOSK_OUT_OF_SERVICE');
    assert.equal(value(await s.api.call('session.get', { sessionId: id })).status, 'activated');
    const kinds = s.core.db.journal.list(0, 1000).map((x) => x.kind);
    assert.ok(!kinds.includes('card-authorization'), 'the card was never asked');
    assert.ok(kinds.includes('kiosk-without-printer-set'), 'the technician change is journaled');
  });

  test('QR receipt: the card is taken, the receipt code carries token, notice, creditor, amounts, date, PSP', async (t) => {
    const s = await start(t);
    const id = await activated(s);
    const paid = value(await s.api.call('kiosk.payByCard', { sessionId: id }));
    assert.equal(paid.result, 'approved');
    assert.equal(paid.cardBrand, 'VISA');
    assert.ok(paid.maskedPan?.endsWith('0019'));
    const code = value(await s.api.call('kiosk.receiptCode', { sessionId: id }));
    const token = paid.session.notices[0]!.activation!.paymentToken;
    assert.match(
      code.payload,
      new RegExp(`^NOTICE 1: 301020250000000129; CREDITOR 77777777777; TOKEN ${token}; AMOUNT 12000 cents \\(EUR 120\\.00\\)$`, 'm'),
    );
    assert.match(code.payload, /^TOTAL: 12150 cents \(EUR 121\.50\)$/m);
    assert.match(code.payload, /^DATE: \d{4}-\d\d-\d\dT/m);
    assert.match(code.payload, new RegExp(`^PSP: .*\\(${s.core.config.node.pspFiscalCode}\\)$`, 'm'));
    assert.match(code.svg, /^<svg /);
  });

  test('an unpaid session has no receipt code', async (t) => {
    const s = await start(t);
    const id = await activated(s);
    assert.equal(error(await s.api.call('kiosk.receiptCode', { sessionId: id })).code, 'CERTIFICATE_UNAVAILABLE');
  });
});
