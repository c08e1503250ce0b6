import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManualNotice, parseNotice, verifyRequestFor } from '../../../../drivers/payload/index';
import { posteDataMatrix, qr } from './samples';

describe('which verify primitive a notice leads to', () => {
  const dm = parseNotice(posteDataMatrix({ notice: '300715700000000032', account: '000011223344', fiscalCode: '80012345678' }));
  const fromQr = parseNotice(qr('302000100000009407', '77777777777', '100'));
  const typed = parseManualNotice({ noticeNumber: '200000000000012332', fiscalCode: '01234567890' });

  test('Data Matrix read by Poste Italiane: verificaBollettino with the postal account', () => {
    assert.deepEqual(verifyRequestFor(dm, { isPoste: true }), {
      primitive: 'verificaBollettino', ccPost: '000011223344', noticeNumber: '300715700000000032',
    });
  });

  test('Data Matrix read by any other PSP: verifyPaymentNotice with the creditor fiscal code it carries', () => {
    assert.deepEqual(verifyRequestFor(dm, { isPoste: false }), {
      primitive: 'verifyPaymentNotice', fiscalCode: '80012345678', noticeNumber: '300715700000000032',
    });
  });

  test('QR and manual entry always lead to verifyPaymentNotice, Poste or not', () => {
    for (const isPoste of [true, false]) {
      assert.deepEqual(verifyRequestFor(fromQr, { isPoste }), {
        primitive: 'verifyPaymentNotice', fiscalCode: '77777777777', noticeNumber: '302000100000009407',
      });
      assert.deepEqual(verifyRequestFor(typed, { isPoste }), {
        primitive: 'verifyPaymentNotice', fiscalCode: '01234567890', noticeNumber: '200000000000012332',
      });
    }
  });
});
