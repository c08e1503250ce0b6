import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PIN_MAX_DIGITS, pinDigits } from '../../../../renderer/app/components/PinField';

describe('what a PIN field keeps of what was typed', () => {
  test('only the digits, whatever else was typed or pasted', () => {
    assert.equal(pinDigits('12 34-56'), '123456');
    assert.equal(pinDigits('abc'), '');
    assert.equal(pinDigits('٣4'), '4', 'digits of other scripts are not PIN digits');
  });

  test('no more than the longest PIN', () => {
    assert.equal(PIN_MAX_DIGITS, 12);
    assert.equal(pinDigits('1234567890123456'), '123456789012');
  });
});
