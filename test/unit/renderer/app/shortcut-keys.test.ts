import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { comboOf, firesInTextField, isFunctionKey, keyInWords } from '../../../../renderer/app/shortcut-keys';

const key = (k: string, code: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('shortcut key names', () => {
  test('named keys as the button shows them', () => {
    assert.equal(comboOf(key('F4', 'F4')), 'F4');
    assert.equal(comboOf(key('Enter', 'Enter')), 'Enter');
    assert.equal(comboOf(key('Escape', 'Escape')), 'Escape');
    assert.equal(comboOf(key('ArrowUp', 'ArrowUp', { altKey: true })), 'Alt+ArrowUp');
    assert.equal(comboOf(key('F4', 'F4', { shiftKey: true })), 'Shift+F4');
  });

  test('letters from the physical key, whatever the layout types', () => {
    assert.equal(comboOf(key('¬', 'KeyL', { altKey: true })), 'Alt+L', 'Alt+L on a layout where it types a symbol');
    assert.equal(comboOf(key('p', 'KeyP', { ctrlKey: true })), 'Ctrl+P');
    assert.equal(comboOf(key('p', 'KeyP', { metaKey: true })), 'Ctrl+P', 'Cmd is Ctrl');
    assert.equal(comboOf(key('A', 'KeyA', { shiftKey: true })), 'A', 'Shift only makes a capital');
    assert.equal(comboOf(key(' ', 'Space')), 'Space');
  });

  test('what may fire while typing in a field', () => {
    for (const c of ['F2', 'F10', 'Enter', 'Escape', 'Ctrl+P', 'Alt+L']) assert.equal(firesInTextField(c), true, c);
    for (const c of ['A', '5', 'Delete', 'ArrowUp', 'Space', 'Shift+F4x']) assert.equal(firesInTextField(c), false, c);
    assert.equal(isFunctionKey('F12'), true);
    assert.equal(isFunctionKey('F13'), false);
  });
});

describe('keys in words, for the F1 help (issue 13)', () => {
  const it: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', Enter: 'Invio', Escape: 'Esc', Ctrl: 'Ctrl' };
  const de: Record<string, string> = { Enter: 'Eingabe', Ctrl: 'Strg', Delete: 'Entf' };
  test('named keys and modifiers in the language, function keys and letters as they are', () => {
    assert.equal(
      keyInWords('Alt+ArrowUp', (p) => it[p]),
      'Alt+↑',
    );
    assert.equal(
      keyInWords('Enter', (p) => it[p]),
      'Invio',
    );
    assert.equal(
      keyInWords('Escape', (p) => it[p]),
      'Esc',
    );
    assert.equal(
      keyInWords('F9', (p) => it[p]),
      'F9',
    );
    assert.equal(
      keyInWords('Alt+R', (p) => it[p]),
      'Alt+R',
    );
    assert.equal(
      keyInWords('Ctrl+Delete', (p) => de[p]),
      'Strg+Entf',
    );
    assert.equal(
      keyInWords('Ctrl++', (p) => de[p]),
      'Strg++',
    );
  });
});
