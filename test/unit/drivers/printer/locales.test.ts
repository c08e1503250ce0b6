import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PRINT_WARNINGS, UNAVAILABLE_REASONS, unavailableMessageKey, warningMessageKey } from '../../../../drivers/printer/errors';
import { printerText, type Language } from '../../../../drivers/printer/messages';

const LANGS: Language[] = ['it', 'en', 'de'];
const load = (lang: Language): unknown =>
  JSON.parse(readFileSync(new URL(`../../../../locales/${lang}/printer.json`, import.meta.url), 'utf8'));

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

test('it, en and de printer.json have the same keys, all non-empty strings', () => {
  const it = keys(load('it')).sort();
  for (const lang of LANGS) {
    assert.deepEqual(keys(load(lang)).sort(), it, lang);
    const t = printerText(lang);
    for (const key of it) assert.ok(t(key) !== key && t(key).trim() !== '', `${lang}:${key}`);
  }
});

test('every unavailable reason and warning has its message in every language', () => {
  for (const lang of LANGS) {
    const t = printerText(lang);
    for (const reason of UNAVAILABLE_REASONS) {
      const key = unavailableMessageKey(reason);
      assert.match(key, /^printer:/);
      const local = key.slice('printer:'.length);
      assert.notEqual(t(local), local, `${lang}: ${key}`);
    }
    for (const w of PRINT_WARNINGS) {
      const local = warningMessageKey(w).slice('printer:'.length);
      assert.notEqual(t(local), local, `${lang}: ${local}`);
    }
  }
});

test('a missing key shows as itself rather than as nothing', () => {
  assert.equal(printerText('en')('testPage.nope'), 'testPage.nope');
});
