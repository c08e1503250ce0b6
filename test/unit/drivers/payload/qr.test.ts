import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PayloadInvalid, parseNotice } from '../../../../drivers/payload/index';
import { CREDITOR, qr } from './samples';

describe('pagoPA QR: accepted', () => {
  const cases: Array<{ name: string; text: string; notice: string; fiscalCode: string; cents: number }> = [
    {
      name: 'spec layout',
      text: qr('302000100000009407', CREDITOR, '1234'),
      notice: '302000100000009407',
      fiscalCode: CREDITOR,
      cents: 1234,
    },
    {
      name: 'one-digit amount, as real notices carry',
      text: qr('302000100000009407', CREDITOR, '5'),
      notice: '302000100000009407',
      fiscalCode: CREDITOR,
      cents: 5,
    },
    {
      name: 'two-digit amount (spec minimum)',
      text: qr('302000100000009407', CREDITOR, '99'),
      notice: '302000100000009407',
      fiscalCode: CREDITOR,
      cents: 99,
    },
    {
      name: 'eleven-digit amount: the XSD maximum',
      text: qr('302000100000009407', CREDITOR, '99999999999'),
      notice: '302000100000009407',
      fiscalCode: CREDITOR,
      cents: 99_999_999_999,
    },
    {
      name: 'leading zeros in the amount',
      text: qr('302000100000009407', CREDITOR, '00001234'),
      notice: '302000100000009407',
      fiscalCode: CREDITOR,
      cents: 1234,
    },
    {
      name: 'aux 0 notice',
      text: qr('001000000000012370', '00000000000', '10000'),
      notice: '001000000000012370',
      fiscalCode: '00000000000',
      cents: 10000,
    },
    {
      name: 'aux 1 notice',
      text: qr('112345678901234567', '01234567890', '250'),
      notice: '112345678901234567',
      fiscalCode: '01234567890',
      cents: 250,
    },
    {
      name: 'identifier in lower case (Caps Lock on a keyboard wedge)',
      text: 'pagopa|002|200000000000012332|77777777777|7',
      notice: '200000000000012332',
      fiscalCode: CREDITOR,
      cents: 7,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const n = parseNotice(c.text);
      assert.equal(n.kind, 'qr');
      assert.equal(n.noticeNumber, c.notice);
      assert.equal(n.fiscalCode, c.fiscalCode);
      assert.equal(n.amountCents, c.cents);
      assert.equal(n.postalAccount, null);
      assert.deepEqual(n.warnings, []);
    });
  }

  test('zero amount: accepted with a warning, the node decides what is owed', () => {
    for (const amount of ['0', '00', '00000000000']) {
      const n = parseNotice(qr(undefined, undefined, amount));
      assert.equal(n.amountCents, 0);
      assert.deepEqual(
        n.warnings.map((w) => w.code),
        ['amount-zero'],
        amount,
      );
    }
  });
});

describe('pagoPA QR: refused', () => {
  const cases: Array<{ name: string; text: string; reason: string }> = [
    { name: 'version 001', text: 'PAGOPA|001|302000100000009407|77777777777|1234', reason: 'qr-version' },
    { name: 'version 003 with an extra field', text: 'PAGOPA|003|302000100000009407|77777777777|1234|X', reason: 'qr-version' },
    { name: 'version missing', text: 'PAGOPA|', reason: 'qr-version' },
    { name: 'other identifier', text: 'PAGOPX|002|302000100000009407|77777777777|1234', reason: 'qr-identifier' },
    { name: 'four fields', text: 'PAGOPA|002|302000100000009407|77777777777', reason: 'qr-field-count' },
    { name: 'six fields', text: 'PAGOPA|002|302000100000009407|77777777777|1234|', reason: 'qr-field-count' },
    { name: 'notice 17 digits', text: 'PAGOPA|002|30200010000000940|77777777777|1234', reason: 'notice-number-format' },
    { name: 'notice 19 digits', text: 'PAGOPA|002|3020001000000094071|77777777777|1234', reason: 'notice-number-format' },
    { name: 'notice with a letter', text: 'PAGOPA|002|30200010000000940O|77777777777|1234', reason: 'notice-number-format' },
    { name: 'notice aux 5', text: 'PAGOPA|002|502000100000009407|77777777777|1234', reason: 'aux-digit' },
    { name: 'fiscal code 10 digits', text: 'PAGOPA|002|302000100000009407|7777777777|1234', reason: 'fiscal-code-format' },
    { name: 'personal fiscal code', text: 'PAGOPA|002|302000100000009407|RSSMRA80A01H501U|1234', reason: 'fiscal-code-format' },
    { name: 'amount empty', text: 'PAGOPA|002|302000100000009407|77777777777|', reason: 'amount-format' },
    { name: 'amount 12 digits', text: 'PAGOPA|002|302000100000009407|77777777777|100000000000', reason: 'amount-format' },
    { name: 'amount in euro with a decimal point', text: 'PAGOPA|002|302000100000009407|77777777777|12.34', reason: 'amount-format' },
    { name: 'negative amount', text: 'PAGOPA|002|302000100000009407|77777777777|-5', reason: 'amount-format' },
    { name: 'space inside a field', text: 'PAGOPA|002| 302000100000009407|77777777777|1234', reason: 'notice-number-format' },
  ];
  for (const c of cases) {
    test(`${c.name} -> ${c.reason}`, () => {
      assert.throws(
        () => parseNotice(c.text),
        (e: unknown) => {
          assert.ok(e instanceof PayloadInvalid);
          assert.equal(e.code, 'PAYLOAD_INVALID');
          assert.equal(e.reason, c.reason);
          assert.equal(e.details.read, c.text);
          return true;
        },
      );
    });
  }
});
