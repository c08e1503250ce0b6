import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { certificateText, LANGUAGES } from '../../../../drivers/certificate/messages';
import { UNAVAILABLE_REASONS } from '../../../../drivers/certificate/errors';
import type { Language } from '../../../../drivers/certificate/types';

const load = (lang: Language): unknown =>
  JSON.parse(readFileSync(new URL(`../../../../locales/${lang}/certificate.json`, import.meta.url), 'utf8'));

function leaves(node: unknown, prefix = ''): Array<[string, unknown]> {
  if (typeof node !== 'object' || node === null) return [[prefix, node]];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

test('it, en and de certificate.json: same keys, non-empty strings, same placeholders', () => {
  const reference = new Map(leaves(load('it')) as Array<[string, string]>);
  for (const lang of LANGUAGES) {
    const entries = leaves(load(lang));
    assert.deepEqual(entries.map(([k]) => k).sort(), [...reference.keys()].sort(), lang);
    for (const [key, value] of entries) {
      assert.equal(typeof value, 'string', `${lang}:${key}`);
      assert.notEqual((value as string).trim(), '', `${lang}:${key}`);
      assert.deepEqual(placeholders(value as string), placeholders(reference.get(key)!), `${lang}:${key} placeholders`);
    }
  }
});

test('every refusal reason has its message in every language', () => {
  for (const lang of LANGUAGES) {
    for (const reason of UNAVAILABLE_REASONS)
      assert.notEqual(certificateText(lang)(`unavailable.${reason}`), `unavailable.${reason}`, `${lang}:${reason}`);
  }
});

test('lookup fills placeholders and shows a missing key as itself', () => {
  const t = certificateText('en');
  assert.equal(t('label.notice', { index: 2, count: 3 }), 'Notice 2 of 3');
  assert.equal(t('label.nope'), 'label.nope');
});
