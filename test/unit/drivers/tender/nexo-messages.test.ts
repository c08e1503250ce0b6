// How a nexo PaymentResponse maps to the TenderDevice results: every ErrorCondition we know, and
// the approvals that are not the approval asked for (partial, another amount, another currency,
// another sale transaction).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapPayment, type PaymentResponseWire } from '../../../../drivers/tender/nexo/messages';

const REF = 'sess-1';
function failure(ErrorCondition: string, AdditionalResponse?: string): PaymentResponseWire {
  return {
    Response: { Result: 'Failure', ErrorCondition, ...(AdditionalResponse ? { AdditionalResponse } : {}) },
    SaleData: { SaleTransactionID: { TransactionID: REF } },
  };
}
function success(amount: string, extra: Partial<PaymentResponseWire> = {}, currency = 'EUR'): PaymentResponseWire {
  return {
    Response: { Result: 'Success' },
    SaleData: { SaleTransactionID: { TransactionID: REF } },
    POIData: { POITransactionID: { TransactionID: 'POI-1', TimeStamp: '2026-01-01T00:00:00Z' } },
    PaymentResult: {
      AmountsResp: { AuthorizedAmount: amount, Currency: currency },
      PaymentInstrumentData: { CardData: { PaymentBrand: 'visa', MaskedPan: '411111 **** 1111' } },
      PaymentAcquirerData: { ApprovalCode: '123456', AcquirerTransactionID: { TransactionID: '8816000000000001' } },
    },
    ...extra,
  };
}

test('failures map to declined, cancelled, timeout or unavailable', () => {
  const cases: Array<[PaymentResponseWire, unknown]> = [
    [failure('Refusal', 'refusalReason=Refused'), { outcome: 'declined', reference: REF, reason: 'refused' }],
    [failure('Refusal', 'refusalReason=Not%20enough%20balance'), { outcome: 'declined', reference: REF, reason: 'insufficient-funds' }],
    [failure('Refusal', 'refusalReason=Expired+Card'), { outcome: 'declined', reference: REF, reason: 'card-expired' }],
    [failure('WrongPin'), { outcome: 'declined', reference: REF, reason: 'pin-wrong' }],
    [failure('InvalidCard'), { outcome: 'declined', reference: REF, reason: 'card-unsupported' }],
    [failure('Cancel', 'message=Cancelled'), { outcome: 'cancelled', reference: REF }],
    [failure('Cancel', 'message=Timeout'), { outcome: 'timeout', reference: REF }],
    [failure('Aborted'), { outcome: 'cancelled', reference: REF }],
    [failure('Busy'), { outcome: 'unavailable', reference: REF, reason: 'busy' }],
    [failure('UnreachableHost'), { outcome: 'unavailable', reference: REF, reason: 'offline' }],
    [failure('NotAllowed'), { outcome: 'unavailable', reference: REF, reason: 'not-configured' }],
    [failure('SomethingNew'), { outcome: 'declined', reference: REF, reason: 'refused' }],
  ];
  for (const [response, expected] of cases) assert.deepEqual(mapPayment(response, REF, 100), { kind: 'result', result: expected });
});

test('a success for exactly the amount asked is the approval, with only the last four digits', () => {
  assert.deepEqual(mapPayment(success('121.5'), REF, 12150), {
    kind: 'result',
    result: {
      outcome: 'approved',
      reference: REF,
      amountCents: 12150,
      authCode: '123456',
      transactionId: 'POI-1',
      cardBrand: 'VISA',
      maskedPan: '**** **** **** 1111',
      acquirerReference: '8816000000000001',
    },
  });
});

test('never an approval of anything but the amount, currency and transaction asked', () => {
  assert.deepEqual(mapPayment(success('121.51'), REF, 12150), {
    kind: 'rejected',
    why: 'other-amount',
    approvedTransactionId: 'POI-1',
    timeStamp: '2026-01-01T00:00:00Z',
  });
  assert.equal(mapPayment(success('121.50', {}, 'USD'), REF, 12150).kind, 'rejected');
  assert.equal(mapPayment(success('121.50', { Response: { Result: 'Partial' } }), REF, 12150).kind, 'rejected');
  assert.equal(mapPayment(success('1e4'), REF, 1000000).kind, 'rejected');
  assert.deepEqual(mapPayment(success('121.50'), 'sess-2', 12150), { kind: 'rejected', why: 'other-transaction' });
  assert.deepEqual(mapPayment(success('121.50', { POIData: undefined }), REF, 12150), { kind: 'rejected', why: 'incomplete' });
});
