// The shift calls on a real core: the float, payments landing in the open shift's drawer, the X
// report, closing with a counted amount (the core computes expected and difference), the Z report
// and its CSV and paper, and the refusals that keep a drawer honest.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRINTER_SETTING } from '../../../main/services/printer/setting';
import { activated, demoApi, pay, QR, refusal, value } from './counter-fixture';

describe('shift calls', { timeout: 120_000 }, () => {
  test('open once per terminal; the current shift is the open one', async (t) => {
    const { api } = await demoApi(t);
    assert.equal(value(await api.call('shift.current', {})).shift, null);
    assert.equal(refusal(await api.call('shift.xReport', {})).code, 'SHIFT_NOT_OPEN');
    const shift = value(await api.call('shift.open', { operatorId: 'mrossi', floatCents: 15000 }));
    assert.equal(shift.operatorId, 'mrossi');
    assert.equal(shift.floatCents, 15000);
    assert.equal(shift.closedAt, null);
    assert.deepEqual(value(await api.call('shift.current', {})).shift, shift);
    const again = refusal(await api.call('shift.open', { operatorId: 'lbianchi', floatCents: 0 }));
    assert.equal(again.code, 'SHIFT_ALREADY_OPEN');
    assert.equal(again.details?.operatorId, 'mrossi');
    assert.equal(refusal(await api.call('shift.open', { operatorId: 'x', floatCents: 1.5 })).code, 'REQUEST_INVALID');
  });

  test('payments go into the open shift; X counts cash only in the drawer; close computes expected and the difference', async (t) => {
    const { api, core } = await demoApi(t);
    const outside = await pay(api, [QR.permit], 'cash', 30000); // before any shift: no drawer
    const shift = value(await api.call('shift.open', { operatorId: 'mrossi', floatCents: 15000 }));
    const cash = await pay(api, [QR.tari], 'cash', 20000); // 120.00 + 1.50 fee, 78.50 change
    const card = await pay(api, [QR.canteen], 'card'); // 45.50 + 1.50
    assert.equal(core.db.sessions.get(cash.id)?.shiftId, shift.id);
    assert.equal(core.db.sessions.get(cash.id)?.operatorId, 'mrossi', 'the shift operator when the screen sent none');
    assert.equal(core.db.tenders.listBySession(card.id)[0]?.shiftId, shift.id);
    assert.equal(core.db.tenders.listBySession(outside.id)[0]?.shiftId, null);

    const x = value(await api.call('shift.xReport', {}));
    assert.equal(x.kind, 'x');
    assert.deepEqual(
      x.lines.map((l) => `${l.kind}/${l.method}/${l.count}/${l.amountCents}/${l.feeCents}`),
      ['payment/card/1/4550/150', 'payment/cash/1/12000/150'],
    );
    assert.deepEqual(x.payments, { count: 2, amountCents: 16550, feeCents: 300, totalCents: 16850 });
    assert.deepEqual(x.cash, {
      floatCents: 15000,
      inCents: 12150,
      outCents: 0,
      expectedCents: 27150,
      countedCents: null,
      differenceCents: null,
    });
    assert.equal(refusal(await api.call('shift.zReport', { shiftId: shift.id })).code, 'SHIFT_NOT_CLOSED');

    // a payment holding tokens without the money blocks the count; cancelled, it does not
    const pending = await activated(api, [QR.multi]);
    const blocked = refusal(await api.call('shift.close', { shiftId: shift.id, countedCashCents: 27000 }));
    assert.equal(blocked.code, 'SHIFT_PAYMENT_OPEN');
    assert.deepEqual(blocked.details?.sessionIds, [pending.id]);
    value(await api.call('session.cancel', { sessionId: pending.id }));

    const z = value(await api.call('shift.close', { shiftId: shift.id, countedCashCents: 27000 }));
    assert.equal(z.kind, 'z');
    assert.equal(z.shift.zReportNumber, 1);
    assert.deepEqual(z.cash, {
      floatCents: 15000,
      inCents: 12150,
      outCents: 0,
      expectedCents: 27150,
      countedCents: 27000,
      differenceCents: -150,
    });
    assert.ok(z.shift.journalSeq !== null && z.shift.journalHash !== null, 'the Z report carries the journal head');
    assert.equal(value(await api.call('shift.current', {})).shift, null);
    assert.deepEqual(value(await api.call('shift.zReport', {})).shift, z.shift);
    assert.equal(refusal(await api.call('shift.close', { shiftId: shift.id, countedCashCents: 1 })).code, 'SHIFT_NOT_OPEN');
    const kinds = core.db.journal.list(0, 1000).map((e) => e.kind);
    assert.ok(kinds.includes('shift-opened') && kinds.includes('shift-closed'));

    const csv = value(await api.call('shift.reportCsv', { kind: 'z' }));
    assert.equal(csv.filename, 'sportello-DEMO01-z-1.csv');
    assert.match(csv.csv, /^cash,expected,,271\.50\r$/m);
    assert.match(csv.csv, /^cash,difference,,-1\.50\r$/m);
    assert.match(csv.csv, /^payment_card,amount,1,45\.50\r$/m);
  });

  test('reports on paper need a printer: refused without one, ESC/POS to a file printer with one', async (t) => {
    const { api, core, dir } = await demoApi(t);
    const shift = value(await api.call('shift.open', { operatorId: 'mrossi', floatCents: 5000 }));
    assert.equal(refusal(await api.call('shift.printReport', { kind: 'x' })).code, 'PRINTER_NOT_CONFIGURED');
    const spool = join(dir, 'spool', 'printer.bin'); // files print only inside the spool directory
    core.db.settings.set(PRINTER_SETTING, { target: `file:${spool}`, paper: '80mm' });
    const printed = value(await api.call('shift.printReport', { kind: 'x', locale: 'en' }));
    assert.equal(printed.output, `file:${spool}`);
    const bytes = readFileSync(spool);
    assert.equal(bytes[0], 0x1b, 'starts with an ESC/POS command');
    assert.ok(bytes.includes(Buffer.from('X REPORT (reading)')), 'the English title');
    assert.ok(bytes.includes(Buffer.from('50.00')), 'the float');
    value(await api.call('shift.close', { shiftId: shift.id, countedCashCents: 5000 }));
    value(await api.call('shift.printReport', { kind: 'z' }));
    assert.ok(readFileSync(spool).includes(Buffer.from('REPORT Z N. 1')), 'the Z report appended, in the terminal language');
  });
});
