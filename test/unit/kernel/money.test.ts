import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AmountInvalid, MAX_CENTS, amountToCents, centsToAmount } from '../../../kernel/money';

test('cents are written as the XSD stAmount, \\d+\\.\\d{2}', () => {
  const cases: Array<[number, string]> = [
    [0, '0.00'],
    [1, '0.01'],
    [99, '0.99'],
    [100, '1.00'],
    [12010, '120.10'],
    [99_999_999_999, '999999999.99'],
  ];
  for (const [cents, amount] of cases) {
    assert.equal(centsToAmount(cents), amount);
    assert.equal(amountToCents(amount), cents, amount);
  }
  assert.equal(MAX_CENTS, 99_999_999_999);
});

test('what is not a whole number of cents within the maximum is refused', () => {
  for (const bad of [100_000_000_000, -1, 1.5, Number.NaN, Infinity, 2 ** 53]) {
    assert.throws(
      () => centsToAmount(bad),
      (e: unknown) => e instanceof AmountInvalid && e.code === 'AMOUNT_INVALID',
      String(bad),
    );
  }
});

test('parsing follows the XSD pattern: exactly two decimals, leading zeros allowed', () => {
  assert.equal(amountToCents('01.50'), 150);
  assert.equal(amountToCents('000000000000.01'), 1);
  assert.equal(amountToCents(' 2.00 '), 200); // xsd:decimal collapses whitespace
  for (const bad of ['1.5', '1', '1.', '.50', '1.500', '-1.00', '+1.00', '1,00', '1e2', '0x10.00', '1000000000.00', '', 'abc']) {
    assert.throws(
      () => amountToCents(bad),
      (e: unknown) => e instanceof AmountInvalid,
      bad,
    );
  }
});
