import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  REASONS,
  WARNINGS,
  PAYLOAD_NAMESPACE,
  parseNotice,
  tryParseNotice,
  type NoticeWarning,
  type PayloadInvalid,
} from '../../../../drivers/payload/index';
import { BAD_CHECK_NOTICE, posteDataMatrix, qr } from './samples';

const LANGS = ['it', 'en', 'de'] as const;

function load(lang: string): Record<string, string> {
  const url = new URL(`../../../../locales/${lang}/${PAYLOAD_NAMESPACE}.json`, import.meta.url);
  return flatten(JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>);
}

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else assert.fail(`${prefix}${k} is neither a string nor a group`);
  }
  return out;
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
const keyOf = (messageKey: string): string => messageKey.slice(`${PAYLOAD_NAMESPACE}:`.length);
const catalogues = Object.fromEntries(LANGS.map((l) => [l, load(l)])) as Record<(typeof LANGS)[number], Record<string, string>>;

describe('payload.json in it, en, de', () => {
  test('have the same keys', () => {
    const it = Object.keys(catalogues.it).sort();
    for (const lang of LANGS) assert.deepEqual(Object.keys(catalogues[lang]).sort(), it, lang);
  });

  test('use the same placeholders for each key, and no message is empty', () => {
    for (const [key, text] of Object.entries(catalogues.it)) {
      for (const lang of LANGS) {
        const t = catalogues[lang][key] ?? '';
        assert.notEqual(t.trim(), '', `${lang} ${key}`);
        assert.deepEqual(placeholders(t), placeholders(text), `${lang} ${key}`);
      }
    }
  });

  test('hold a message for every reason and warning, and none for codes that do not exist', () => {
    for (const lang of LANGS) {
      const keys = Object.keys(catalogues[lang]);
      assert.deepEqual(keys.filter((k) => k.startsWith('error.')).sort(), REASONS.map((r) => `error.${r}`).sort(), lang);
      assert.deepEqual(keys.filter((k) => k.startsWith('warning.')).sort(), WARNINGS.map((w) => `warning.${w}`).sort(), lang);
      for (const kind of ['qr', 'poste-datamatrix', 'manual']) assert.ok(keys.includes(`kind.${kind}`), `${lang} kind.${kind}`);
    }
  });
});

describe('messages fit what the parser produces', () => {
  const warnings: NoticeWarning[] = [
    ...parseNotice(qr(BAD_CHECK_NOTICE, undefined, '0')).warnings,
    ...parseNotice(posteDataMatrix().slice(0, 100)).warnings,
    ...parseNotice(`${posteDataMatrix()}XX`).warnings,
  ];
  const errors: PayloadInvalid[] = ['', 'x'.repeat(5000), 'hello', '4006381333931', 'http://x', qr(BAD_CHECK_NOTICE), 'codfase=NBPA;18']
    .map((text) => tryParseNotice(text, { strictCheckDigit: true }))
    .flatMap((r) => (r.ok ? [] : [r.error]));

  test('every warning kind is produced here, and its placeholders are in its details', () => {
    assert.deepEqual([...new Set(warnings.map((w) => w.code))].sort(), [...WARNINGS].sort());
    for (const w of warnings) {
      for (const lang of LANGS) {
        const text = catalogues[lang][keyOf(w.messageKey)];
        assert.ok(text, `${lang} ${w.messageKey}`);
        for (const p of placeholders(text)) assert.ok(p in w.details, `${lang} ${w.messageKey} {{${p}}}`);
      }
    }
  });

  test('error keys resolve, and their placeholders are in the details', () => {
    assert.ok(errors.some((e) => e.reason === 'check-digit'));
    for (const e of errors) {
      for (const lang of LANGS) {
        const text = catalogues[lang][keyOf(e.messageKey)];
        assert.ok(text, `${lang} ${e.messageKey}`);
        for (const p of placeholders(text)) assert.ok(p in e.details, `${lang} ${e.messageKey} {{${p}}}`);
      }
    }
  });

  test('no error message needs a placeholder that only some errors carry', () => {
    // errors are raised from many places; only check-digit carries expected/actual
    for (const reason of REASONS) {
      const used = placeholders(catalogues.it[`error.${reason}`] ?? '');
      assert.deepEqual(used, reason === 'check-digit' ? ['actual', 'expected'] : [], reason);
    }
  });
});
