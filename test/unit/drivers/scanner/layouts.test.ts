import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { charFor, keyFor, KEYBOARD_LAYOUTS } from '../../../../drivers/scanner/layouts';
import { codeForUsage, usageForCode } from '../../../../drivers/scanner/hid-usages';

describe('keyboard layouts', () => {
  test('the pipe of the pagoPA QR sits on different keys in US and Italian', () => {
    assert.equal(charFor('us', 'Backslash', true), '|');
    assert.equal(charFor('it', 'Backslash', true), '§');
    assert.equal(charFor('it', 'Backquote', true), '|');
    assert.equal(charFor('us', 'Backquote', true), '~');
  });

  test('the Data Matrix punctuation (= and ;) per layout', () => {
    assert.equal(charFor('us', 'Equal', false), '=');
    assert.equal(charFor('us', 'Semicolon', false), ';');
    assert.equal(charFor('it', 'Digit0', true), '=');
    assert.equal(charFor('it', 'Comma', true), ';');
  });

  test('Italian AltGr characters, and none on the US layout', () => {
    assert.equal(charFor('it', 'Semicolon', false, true), '@');
    assert.equal(charFor('it', 'Quote', false, true), '#');
    assert.equal(charFor('it', 'BracketLeft', true, true), '{');
    assert.equal(charFor('it', 'KeyE', false, true), '€');
    assert.equal(charFor('us', 'Semicolon', false, true), null);
  });

  test('letters, digits and keypad are the same on both', () => {
    for (const layout of KEYBOARD_LAYOUTS) {
      assert.equal(charFor(layout, 'KeyP', true), 'P');
      assert.equal(charFor(layout, 'KeyA', false), 'a');
      assert.equal(charFor(layout, 'Digit7', false), '7');
      assert.equal(charFor(layout, 'Numpad4', false), '4');
      assert.equal(charFor(layout, 'Space', false), ' ');
    }
  });

  test('keys that type nothing map to null, and so do unknown names', () => {
    assert.equal(charFor('us', 'Enter', false), null);
    assert.equal(charFor('it', 'ArrowLeft', false), null);
    assert.equal(charFor('us', 'toString', false), null);
  });

  test('keyFor finds the key for every printable ASCII character on US, and charFor gives it back', () => {
    for (let c = 0x20; c < 0x7f; c++) {
      const ch = String.fromCharCode(c);
      const k = keyFor('us', ch);
      assert.ok(k, `no US key for ${ch}`);
      assert.equal(charFor('us', k.code, k.shift, k.altGr), ch);
    }
  });

  test('Italian lacks ` and ~ without dead keys, has everything else of ASCII', () => {
    for (let c = 0x20; c < 0x7f; c++) {
      const ch = String.fromCharCode(c);
      const k = keyFor('it', ch);
      if (ch === '`' || ch === '~') {
        assert.equal(k, null);
        continue;
      }
      assert.ok(k, `no Italian key for ${ch}`);
      assert.equal(charFor('it', k.code, k.shift, k.altGr), ch);
    }
  });
});

describe('HID keyboard usages', () => {
  test('letters, digits and the keys around them', () => {
    assert.equal(codeForUsage(0x04), 'KeyA');
    assert.equal(codeForUsage(0x1d), 'KeyZ');
    assert.equal(codeForUsage(0x1e), 'Digit1');
    assert.equal(codeForUsage(0x27), 'Digit0');
    assert.equal(codeForUsage(0x28), 'Enter');
    assert.equal(codeForUsage(0x31), 'Backslash');
    assert.equal(codeForUsage(0x32), 'Backslash');
    assert.equal(codeForUsage(0x35), 'Backquote');
    assert.equal(codeForUsage(0x59), 'Numpad1');
    assert.equal(codeForUsage(0x62), 'Numpad0');
    assert.equal(codeForUsage(0x64), 'IntlBackslash');
    assert.equal(codeForUsage(0xe0), null);
    assert.equal(usageForCode('Backslash'), 0x31);
  });
});
