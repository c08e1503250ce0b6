import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PIN_MAX_DIGITS, PinField, pinDigits } from '../../../../renderer/app/components/PinField';

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

describe('a PIN field on screen', () => {
  const markup = (extra: Partial<Parameters<typeof PinField>[0]> = {}) =>
    renderToStaticMarkup(createElement(PinField, { label: 'PIN', name: 'pin', value: '12', onChange: () => {}, ...extra }));

  test('masked, numeric keypad, not remembered, labelled by its text', () => {
    const html = markup();
    assert.match(html, /^<label><span>PIN<\/span><input /);
    for (const attr of ['name="pin"', 'type="password"', 'inputMode="numeric"', 'autoComplete="off"', 'value="12"']) {
      assert.ok(html.includes(attr), `${attr} in ${html}`);
    }
    assert.ok(!html.includes('aria-'), 'no aria attributes unless asked for');
  });

  test('described by a hint and marked invalid when asked', () => {
    const html = markup({ describedBy: 'pin-rule', invalid: true });
    assert.ok(html.includes('aria-describedby="pin-rule"') && html.includes('aria-invalid="true"'), html);
  });
});
