// Issue 13 (words): printing the provisional slip said "Attestazione stampata". The message names
// what went to paper: the certificate, the provisional receipt, or a duplicate of either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printedKey } from '../../../../../renderer/counter/payment/printed';

test('each paper has its own words, in every language', () => {
  const keys = [
    printedKey({ kind: 'final', duplicate: false }),
    printedKey({ kind: 'final', duplicate: true }),
    printedKey({ kind: 'pending', duplicate: false }),
    printedKey({ kind: 'pending', duplicate: true }),
  ];
  assert.equal(new Set(keys).size, 4);
  for (const lang of ['it', 'en', 'de']) {
    const counter = JSON.parse(readFileSync(join(process.cwd(), 'locales', lang, 'counter.json'), 'utf8')) as {
      print: Record<string, string>;
    };
    const words = keys.map((k) => counter.print[k.replace('counter:print.', '')]);
    assert.ok(
      words.every((w) => typeof w === 'string' && w.length > 0),
      `${lang}: ${keys.join(', ')}`,
    );
    assert.equal(new Set(words).size, 4, `${lang}: four different sentences`);
  }
});
