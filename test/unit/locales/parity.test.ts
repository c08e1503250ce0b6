// Every namespace of the screens' strings in the three languages, key for key: a key added in one
// language and forgotten in another fails here. Placeholders must match too (a translation that
// drops {{due}} would show the operator a sentence without the amount), and no string is empty.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(process.cwd(), 'locales');
const LANGS = ['it', 'en', 'de'] as const;

/** dotted path -> string value */
function flatten(node: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof node === 'string') out.set(prefix, node);
  else if (node && typeof node === 'object' && !Array.isArray(node)) {
    for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, `<<not a string: ${JSON.stringify(node)}>>`);
  return out;
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}|\{(\w+)\}/g)].map((m) => m[1] ?? m[2]!).sort();

const namespaces = [
  ...new Set(
    LANGS.flatMap((l) =>
      readdirSync(join(ROOT, l))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5)),
    ),
  ),
].sort();

describe('locale files', () => {
  test('the same namespaces exist in every language', () => {
    for (const lang of LANGS) {
      const have = readdirSync(join(ROOT, lang))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort();
      assert.deepEqual(have, namespaces, `${lang} has a different set of namespaces`);
    }
    for (const ns of ['app', 'counter', 'shift', 'faults', 'payload', 'printer', 'scanner', 'certificate', 'services'])
      assert.ok(namespaces.includes(ns), `${ns} is missing`);
  });

  for (const ns of namespaces) {
    test(`${ns}: same keys, same placeholders, no empty string in it, en, de`, () => {
      const flat = Object.fromEntries(
        LANGS.map((l) => [l, flatten(JSON.parse(readFileSync(join(ROOT, l, `${ns}.json`), 'utf8')))]),
      ) as Record<(typeof LANGS)[number], Map<string, string>>;
      const keys = [...flat.it.keys()].sort();
      for (const lang of LANGS) {
        assert.deepEqual([...flat[lang].keys()].sort(), keys, `${lang}/${ns}.json keys differ from it/${ns}.json`);
        for (const [key, value] of flat[lang]) {
          assert.ok(!value.startsWith('<<not a string'), `${lang}/${ns}.json ${key}: ${value}`);
          assert.ok(value.trim().length > 0, `${lang}/${ns}.json ${key} is empty`);
          assert.deepEqual(
            placeholders(value),
            placeholders(flat.it.get(key)!),
            `${lang}/${ns}.json ${key}: placeholders differ from Italian`,
          );
        }
      }
    });
  }
});
