import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedCheckDigit, noticeNumberParts } from '../../../../drivers/payload/notice-number';
import { BAD_CHECK_NOTICE, VALID_NOTICES } from './samples';

describe('mod-93 check digit', () => {
  test('the known valid notice numbers carry the check digit the formula gives', () => {
    for (const n of VALID_NOTICES) {
      assert.equal(expectedCheckDigit(n), n.slice(16), n);
      assert.deepEqual(noticeNumberParts(n)?.checkDigit, { actual: n.slice(16), expected: n.slice(16) }, n);
    }
  });

  test('the SANP documentation example does not check out: 47 expected, 22 printed', () => {
    assert.equal(expectedCheckDigit(BAD_CHECK_NOTICE), '47');
    assert.deepEqual(noticeNumberParts(BAD_CHECK_NOTICE)?.checkDigit, { actual: '22', expected: '47' });
  });

  test('agrees with BigInt arithmetic on the first sixteen digits for many numbers', () => {
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      let digits = '';
      for (let d = 0; d < 18; d++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        digits += String(seed % 10);
      }
      const expected = String(BigInt(digits.slice(0, 16)) % 93n).padStart(2, '0');
      assert.equal(expectedCheckDigit(digits), expected, digits);
    }
  });

  test('aux 1 has no check digit', () => {
    assert.equal(noticeNumberParts('112345678901234567')?.checkDigit, null);
  });
});

describe('notice number parts', () => {
  const cases = [
    { n: '001000000000012370', aux: 0, iuv: '000000000012370', app: '01', seg: null },
    { n: '112345678901234567', aux: 1, iuv: '12345678901234567', app: null, seg: null },
    { n: '200000000000012332', aux: 2, iuv: '00000000000012332', app: null, seg: null },
    { n: '302000100000009407', aux: 3, iuv: '02000100000009407', app: null, seg: '02' },
    { n: '311111111112222222', aux: 3, iuv: '11111111112222222', app: null, seg: '11' },
  ];
  for (const c of cases) {
    test(`${c.n}: aux ${c.aux}, IUV ${c.iuv}`, () => {
      const p = noticeNumberParts(c.n);
      assert.ok(p);
      assert.equal(p.auxDigit, c.aux);
      assert.equal(p.iuv, c.iuv);
      assert.equal(p.applicationCode, c.app);
      assert.equal(p.segregationCode, c.seg);
    });
  }

  test('aux digits 4 to 9 are not notice numbers', () => {
    for (const d of '456789') assert.equal(noticeNumberParts(`${d}02000100000009407`), null, d);
  });
});
