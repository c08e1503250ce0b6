// The scanner's locale files: same keys in it, en, de, a non-empty text for every status, reason,
// fix and source kind the code can produce, and the same {{placeholders}} in every language.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SOURCE_KINDS, STATUS_KINDS, UNAVAILABLE_REASONS } from '../../../../drivers/scanner/types';
import { fixKey, reasonKey, statusKey } from '../../../../drivers/scanner/errors';
import { dialoutFix, hidrawUdevFix } from '../../../../drivers/scanner/permissions';
import { MISREAD_MESSAGE_KEY } from '../../../../drivers/scanner/wedge-detector';

const LANGS = ['it', 'en', 'de'] as const;

function load(lang: string): Record<string, string> {
  const path = fileURLToPath(new URL(`../../../../locales/${lang}/scanner.json`, import.meta.url));
  return flatten(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>);
}

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else throw new Error(`unexpected value at ${prefix}${k}`);
  }
  return out;
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('scanner locales', () => {
  const files = Object.fromEntries(LANGS.map((l) => [l, load(l)])) as Record<(typeof LANGS)[number], Record<string, string>>;

  test('it, en and de have the same keys', () => {
    const it = Object.keys(files.it).sort();
    for (const lang of LANGS) assert.deepEqual(Object.keys(files[lang]).sort(), it, lang);
  });

  test('every key the drivers emit has a text in every language', () => {
    const keys = [
      ...STATUS_KINDS.map(statusKey),
      ...UNAVAILABLE_REASONS.map(reasonKey),
      fixKey(dialoutFix()),
      fixKey(hidrawUdevFix({})),
      ...SOURCE_KINDS.map((k) => `scanner:kind.${k}`),
      MISREAD_MESSAGE_KEY,
    ].map((k) => k.replace(/^scanner:/, ''));
    for (const lang of LANGS) for (const k of keys) assert.ok(files[lang][k]?.trim(), `${lang}: ${k}`);
  });

  test('placeholders match across languages and name the fix fields', () => {
    for (const [k, text] of Object.entries(files.it)) {
      for (const lang of LANGS) assert.deepEqual(placeholders(files[lang][k] ?? ''), placeholders(text), `${lang}: ${k}`);
    }
    assert.deepEqual(placeholders(files.en['fix.udev-rule'] ?? ''), ['commands', 'file', 'rule']);
    assert.deepEqual(placeholders(files.en['fix.dialout-group'] ?? ''), ['command']);
    for (const kind of STATUS_KINDS) assert.deepEqual(placeholders(files.en[`status.${kind}`] ?? ''), ['device']);
  });
});
