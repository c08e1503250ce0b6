import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ShiftRecord, TenderTotals } from '../../../../../db';
import { buildShiftReport, centsDecimal, expectedCash, shiftReportCsv } from '../../../../../main/services/shift/report';
import { shiftReportDocument } from '../../../../../main/services/shift/print';

const open: ShiftRecord = {
  id: 'sh-1',
  terminalId: 'T1',
  operatorId: 'mrossi',
  openedAt: '2026-03-02T08:00:00.000Z',
  floatCents: 10000,
  closedAt: null,
  countedCashCents: null,
  expectedCashCents: null,
  differenceCents: null,
  zReportNumber: null,
  journalSeq: null,
  journalHash: null,
};
const totals: TenderTotals[] = [
  { kind: 'payment', method: 'cash', count: 3, amountCents: 30000, feeCents: 450 },
  { kind: 'payment', method: 'card', count: 2, amountCents: 5000, feeCents: 300 },
  { kind: 'refund', method: 'cash', count: 1, amountCents: 2000, feeCents: 150 },
];

describe('shift report', () => {
  test('expected cash: float + cash in (fee included) - cash refunded; cards never in the drawer', () => {
    assert.equal(expectedCash(10000, totals), 10000 + 30450 - 2150);
    assert.equal(expectedCash(500, []), 500);
  });

  test('X: counted so far, nothing counted or closed', () => {
    const r = buildShiftReport({
      kind: 'x',
      shift: open,
      totals,
      pendingOutcomes: 2,
      lateOutcomes: 0,
      generatedAtMs: Date.parse('2026-03-02T12:00:00Z'),
    });
    assert.deepEqual(r.payments, { count: 5, amountCents: 35000, feeCents: 750, totalCents: 35750 });
    assert.deepEqual(r.cash, {
      floatCents: 10000,
      inCents: 30450,
      outCents: 2150,
      expectedCents: 38300,
      countedCents: null,
      differenceCents: null,
    });
    assert.equal(r.pendingOutcomes, 2);
    assert.equal(r.generatedAt, '2026-03-02T12:00:00.000Z');
  });

  test('Z: what was expected at closing stays, with the count and the difference', () => {
    const closed = {
      ...open,
      closedAt: '2026-03-02T18:00:00.000Z',
      countedCashCents: 38000,
      expectedCashCents: 38300,
      differenceCents: -300,
      zReportNumber: 7,
      journalSeq: 42,
      journalHash: 'ab'.repeat(32),
    };
    const r = buildShiftReport({ kind: 'z', shift: closed, totals, pendingOutcomes: 0, lateOutcomes: 0, generatedAtMs: 0 });
    assert.deepEqual(r.cash, {
      floatCents: 10000,
      inCents: 30450,
      outCents: 2150,
      expectedCents: 38300,
      countedCents: 38000,
      differenceCents: -300,
    });
    const csv = shiftReportCsv(r);
    assert.match(csv, /^section,item,count,amount_eur\r\n/);
    assert.match(csv, /^report,Z 7,,\r$/m);
    assert.match(csv, /^refund_cash,amount,1,20\.00\r$/m);
    assert.match(csv, /^cash,difference,,-3\.00\r$/m);
    assert.match(csv, new RegExp(`^journal,head,42,${'ab'.repeat(32)}\\r$`, 'm'));
    assert.ok(csv.endsWith('\r\n'));
    // The sums of the payments (issue 13): each in the amount column of its own row, none blank,
    // and the total is the notices' sum plus the fees.
    const sum = (item: string) => {
      const row = csv.split('\r\n').find((l) => l.startsWith(`payments,${item},`));
      assert.ok(row, `a payments,${item} row`);
      const cells = row.split(',');
      assert.equal(cells.length, 4, `payments,${item}: four columns`);
      assert.match(cells[3]!, /^-?\d+\.\d{2}$/, `payments,${item}: an amount in amount_eur`);
      return Number(cells[3]!.replace('.', '')); // cents by string, not by float
    };
    assert.equal(sum('amount'), r.payments.amountCents);
    assert.equal(sum('fee'), r.payments.feeCents);
    assert.equal(sum('total'), r.payments.amountCents + r.payments.feeCents);
  });

  test('decimal cents for spreadsheets, string math only', () => {
    assert.equal(centsDecimal(0), '0.00');
    assert.equal(centsDecimal(5), '0.05');
    assert.equal(centsDecimal(-150), '-1.50');
    assert.equal(centsDecimal(123456789), '1234567.89');
  });

  test("on paper: the report's words in the asked language, amounts as the certificate prints them", () => {
    const r = buildShiftReport({ kind: 'x', shift: open, totals, pendingOutcomes: 1, lateOutcomes: 3, generatedAtMs: 0 });
    const lines = JSON.stringify(shiftReportDocument(r, 'de').blocks);
    assert.match(lines, /X-BERICHT/);
    assert.match(lines, /€ 383,00/);
    assert.match(lines, /Barerstattungen/);
    assert.match(lines, /Frist\): 3/, 'late outcomes are shown as a breach');
    assert.match(shiftReportCsv(r), /outbox,late_outcomes,3,/);
    assert.ok(shiftReportDocument(r, 'it').blocks.at(-1)?.kind === 'cut');
  });

  test('on paper the sums of the notices and of the fees stand before what was collected', () => {
    const r = buildShiftReport({ kind: 'x', shift: open, totals, pendingOutcomes: 0, lateOutcomes: 0, generatedAtMs: 0 });
    const text = JSON.stringify(shiftReportDocument(r, 'it').blocks);
    const at = (s: string) => text.lastIndexOf(s);
    // r.payments: 350,00 of notices, 7,50 of fees, 357,50 collected
    assert.ok(at('€ 350,00') > 0 && at('€ 7,50') > at('€ 350,00') && at('€ 357,50') > at('€ 7,50'), text);
  });
});
