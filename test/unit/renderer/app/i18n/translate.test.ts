import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasKey, interpolate, lookup, makeTranslate, splitKey } from '../../../../../renderer/app/i18n/translate';
import type { Catalogs } from '../../../../../renderer/app/i18n/translate';

const catalogs: Catalogs = {
  it: {
    app: { hello: 'Ciao {{name}}', only: { it: 'solo italiano' } },
    faults: { PPT_X: { verify: 'già pagato' } },
    payload: { error: { empty: 'vuoto {length}' } },
  },
  en: {
    app: { hello: 'Hello {{ name }}' },
    faults: { PPT_X: { verify: 'already paid' } },
    payload: { error: { empty: 'empty {length}' } },
  },
};

describe('translate', () => {
  test('both key spellings name a namespace and a path', () => {
    assert.deepEqual(splitKey('payload:error.empty'), ['payload', ['error', 'empty']]);
    assert.deepEqual(splitKey('faults.PPT_X.verify'), ['faults', ['PPT_X', 'verify']]);
    assert.equal(lookup(catalogs, 'en', 'faults.PPT_X.verify'), 'already paid');
    assert.equal(lookup(catalogs, 'en', 'faults:PPT_X.verify'), 'already paid');
    assert.equal(lookup(catalogs, 'en', 'faults.PPT_X'), undefined, 'an object is not a string');
  });

  test('fills {{name}} and {name}, leaves unknown placeholders visible', () => {
    const t = makeTranslate(catalogs, 'en');
    assert.equal(t('app:hello', { name: 'Ada' }), 'Hello Ada');
    assert.equal(t('payload:error.empty', { length: 3 }), 'empty 3');
    assert.equal(interpolate('{{a}} and {{b}}', { a: 1 }), '1 and {{b}}');
    assert.equal(interpolate('no params {{a}}', undefined), 'no params {{a}}');
  });

  test('a key missing in the language falls back to Italian, then shows itself', () => {
    const t = makeTranslate(catalogs, 'en');
    assert.equal(t('app:only.it'), 'solo italiano');
    assert.equal(t('app:nowhere'), 'app:nowhere');
    assert.equal(makeTranslate(catalogs, 'de')('app:hello', { name: 'X' }), 'Ciao X');
    assert.equal(hasKey(catalogs, 'en', 'app:only.it'), true);
    assert.equal(hasKey(catalogs, 'en', 'app:nowhere'), false);
  });
});
