import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CAR_TAX_TARIFF, carTaxCents, plateKw } from '../../../../sim/services/car-tax';

test('carTaxCents: the worked example of sim/README.md (car AB123CD: 74 kW, 210.92 €)', () => {
  assert.equal(plateKw('AB123CD'), 74);
  assert.equal(carTaxCents('1', 'AB123CD'), 21092);
});

test('carTaxCents: base plus kW times the class rate, for each vehicle class', () => {
  // "EF456GH": 69+70+52+53+54+71+72 = 441, 441 mod 181 = 79, 99 kW
  assert.equal(plateKw('EF456GH'), 99);
  assert.equal(carTaxCents('1', 'EF456GH'), 2000 + 99 * 258);
  assert.equal(carTaxCents('2', 'EF456GH'), 1500 + 99 * 50);
  assert.equal(carTaxCents('4', 'EF456GH'), 1000 + 99 * 100);
  assert.notEqual(carTaxCents('1', 'EF456GH'), carTaxCents('4', 'EF456GH'));
});

test('carTaxCents is deterministic, blind to case and surrounding spaces, and always 1..5000 euro', () => {
  assert.equal(carTaxCents('1', ' ab123cd '), carTaxCents('1', 'AB123CD'));
  let min = Infinity;
  let max = 0;
  for (const cls of Object.keys(CAR_TAX_TARIFF)) {
    for (let i = 0; i < 2000; i++) {
      const plate = `${String.fromCharCode(65 + (i % 26), 65 + ((i * 7) % 26))}${String(i).padStart(3, '0')}${String.fromCharCode(65 + ((i * 3) % 26), 90 - (i % 26))}`;
      const cents = carTaxCents(cls, plate);
      assert.ok(Number.isSafeInteger(cents));
      min = Math.min(min, cents);
      max = Math.max(max, cents);
    }
  }
  assert.ok(min >= 100, `min ${min}`);
  assert.ok(max <= 500_000, `max ${max}`);
});

test('carTaxCents refuses a class the schema does not have and an empty plate', () => {
  assert.throws(() => carTaxCents('3', 'AB123CD'), RangeError);
  assert.throws(() => carTaxCents('1', '  '), RangeError);
});
