// The cart's arithmetic on screen (issue 13): unpayable notices take no place and add nothing, the
// running total, the quick-cash amounts; and the screen's rule for "unpayable" is the engine's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnpayable as engineUnpayable } from '../../../../../main/engine/session';
import type { NoticeState } from '../../../../../main/engine/types';
import {
  isFull,
  isRetryable,
  isUnpayable,
  placesTaken,
  quickCashCents,
  runningTotalCents,
} from '../../../../../renderer/counter/payment/cart';

let id = 0;
function notice(phase: NoticeState['phase'], over: Partial<NoticeState> = {}): NoticeState {
  id += 1;
  return {
    id,
    ref: { fiscalCode: '77777777777', noticeNumber: `30102025${String(id).padStart(10, '0')}`, scannedAmountCents: null, source: 'qr' },
    phase,
    verification: null,
    activation: null,
    amountChanged: false,
    lastError: null,
    creditorReportCode: null,
    ...over,
  };
}
const fault = (faultCode: string, action?: string) => ({
  code: 'NODE_FAULT',
  message: faultCode,
  faultCode,
  ...(action ? { action } : {}),
});
const verified = (cents: number) =>
  notice('verified', {
    verification: { amountCents: cents, description: '', companyName: '', officeName: null, dueDate: null, standin: false },
  });

describe('unpayable notices', () => {
  const cases = [
    notice('verify-failed', { lastError: fault('PPT_PAGAMENTO_DUPLICATO', 'notice-paid') }),
    notice('verify-failed', { lastError: fault('PPT_PAGAMENTO_SCADUTO', 'notice-unpayable') }),
    notice('verify-failed', { lastError: fault('PPT_SYSTEM_ERROR', 'retry') }),
    notice('verify-failed', { lastError: { code: 'NODE_NO_RESPONSE', message: 'no answer' } }),
    notice('verify-failed', { lastError: fault('PPT_PAGAMENTO_DUPLICATO') }), // stored before the verdict was kept
    notice('activation-refused', { lastError: fault('PPT_PAGAMENTO_DUPLICATO', 'notice-paid') }),
    verified(1000),
  ];

  test("the screen's rule is the engine's", () => {
    for (const n of cases) assert.equal(isUnpayable(n), engineUnpayable(n), JSON.stringify(n.lastError));
    assert.deepEqual(
      cases.map((n) => isUnpayable(n)),
      [true, true, false, false, false, false, false],
    );
    assert.deepEqual(
      cases.map((n) => isRetryable(n)),
      [false, false, true, true, true, false, false],
    );
  });

  test('take no place in the cart and add nothing to the total', () => {
    const paid = notice('verify-failed', { lastError: fault('PPT_PAGAMENTO_DUPLICATO', 'notice-paid') });
    const cart = [verified(12000), verified(4550), paid, verified(100), verified(1), notice('verifying')];
    assert.equal(placesTaken(cart), 5);
    assert.equal(isFull(cart), true);
    assert.equal(isFull(cart.filter((n) => n.phase !== 'verifying')), false);
    assert.equal(runningTotalCents(cart), 12000 + 4550 + 100 + 1);
  });
});

describe('quick cash', () => {
  test('the exact amount, then the due amount rounded up to 5, 10, 20, 50, 100 euro', () => {
    assert.deepEqual(quickCashCents(12150), [12150, 12500, 13000, 14000, 15000, 20000]);
    assert.deepEqual(quickCashCents(1200), [1200, 1500, 2000, 5000, 10000]);
    assert.deepEqual(quickCashCents(2000), [2000, 5000, 10000], 'a round amount: the exact note, then larger ones');
    assert.deepEqual(quickCashCents(10000), [10000]);
  });
  test('nothing for no amount', () => {
    assert.deepEqual(quickCashCents(0), []);
    assert.deepEqual(quickCashCents(-5), []);
    assert.deepEqual(quickCashCents(1.5), []);
  });
});
