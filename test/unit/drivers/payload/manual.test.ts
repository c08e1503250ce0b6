import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PayloadInvalid, parseManualNotice, parseNotice, tryParseManualNotice } from '../../../../drivers/payload/index';
import { BAD_CHECK_NOTICE } from './samples';

describe('manual entry, two fields', () => {
  const cases: Array<{ name: string; noticeNumber: string; fiscalCode: string }> = [
    { name: 'digits only', noticeNumber: '302000100000009407', fiscalCode: '77777777777' },
    { name: 'grouped with spaces as printed', noticeNumber: '3020 0010 0000 0094 07', fiscalCode: '777 777 777 77' },
    { name: 'dots and dashes', noticeNumber: '3020.0010.0000-0094-07', fiscalCode: '777-7777-7777' },
    {
      name: 'no-break spaces and en dashes from a copy-paste',
      noticeNumber: '3020\u00a00010\u00a00000\u20130094\u201307',
      fiscalCode: ' 77777777777 ',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const n = parseManualNotice(c);
      assert.equal(n.kind, 'manual');
      assert.equal(n.noticeNumber, '302000100000009407');
      assert.equal(n.fiscalCode, '77777777777');
      assert.equal(n.amountCents, null);
      assert.equal(n.postalAccount, null);
      assert.equal(n.iuv, '02000100000009407');
      assert.equal(n.symbology, null);
    });
  }

  const bad: Array<{ name: string; noticeNumber: string; fiscalCode: string; reason: string }> = [
    { name: 'notice 17 digits', noticeNumber: '30200010000000940', fiscalCode: '77777777777', reason: 'notice-number-format' },
    { name: 'letter O for zero', noticeNumber: '3O2000100000009407', fiscalCode: '77777777777', reason: 'notice-number-format' },
    { name: 'fiscal code empty', noticeNumber: '302000100000009407', fiscalCode: ' ', reason: 'fiscal-code-missing' },
    { name: 'fiscal code 12 digits', noticeNumber: '302000100000009407', fiscalCode: '777777777777', reason: 'fiscal-code-format' },
    { name: 'aux 7', noticeNumber: '702000100000009407', fiscalCode: '77777777777', reason: 'aux-digit' },
  ];
  for (const c of bad) {
    test(`${c.name} -> ${c.reason}`, () => {
      const r = tryParseManualNotice(c);
      assert.equal(r.ok, false);
      if (!r.ok) assert.equal(r.error.reason, c.reason);
    });
  }

  test('a bad check digit is a warning the operator can override, an error when strict', () => {
    const n = parseManualNotice({ noticeNumber: BAD_CHECK_NOTICE, fiscalCode: '77777777777' });
    assert.equal(n.checkDigitValid, false);
    assert.deepEqual(n.warnings, [
      { code: 'check-digit', messageKey: 'payload:warning.check-digit', details: { actual: '22', expected: '47' } },
    ]);
    assert.throws(
      () => parseManualNotice({ noticeNumber: BAD_CHECK_NOTICE, fiscalCode: '77777777777' }, { strictCheckDigit: true }),
      (e: unknown) => e instanceof PayloadInvalid && e.reason === 'check-digit' && e.details.expected === '47',
    );
  });

  test('aux 1 has no check digit, so strict mode accepts it', () => {
    const n = parseManualNotice({ noticeNumber: '112345678901234567', fiscalCode: '77777777777' }, { strictCheckDigit: true });
    assert.equal(n.checkDigitValid, null);
    assert.deepEqual(n.warnings, []);
  });
});

describe('manual entry, fiscalCode/noticeNumber text', () => {
  for (const text of [
    '77777777777/302000100000009407',
    '777 777 777 77 / 3020 0010 0000 0094 07',
    '302000100000009407/77777777777',
    '  77777777777/302000100000009407\n',
  ]) {
    test(JSON.stringify(text), () => {
      const n = parseNotice(text);
      assert.equal(n.kind, 'manual');
      assert.equal(n.noticeNumber, '302000100000009407');
      assert.equal(n.fiscalCode, '77777777777');
    });
  }

  const bad: Array<[string, string]> = [
    ['77777777777/30200010000000940', 'notice-number-format'],
    ['7777777777/302000100000009407', 'fiscal-code-format'],
    ['/302000100000009407', 'not-a-notice'],
    ['77777777777/302000100000009407/1', 'not-a-notice'],
    ['302000100000009407', 'fiscal-code-missing'],
    ['3020 0010 0000 0094 07', 'fiscal-code-missing'],
  ];
  for (const [text, reason] of bad) {
    test(`${JSON.stringify(text)} -> ${reason}`, () => {
      assert.throws(
        () => parseNotice(text),
        (e: unknown) => e instanceof PayloadInvalid && e.reason === reason,
      );
    });
  }
});
