import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, JournalPayloadInvalid } from '../../../db/index';

test('canonical JSON sorts keys at every depth and drops whitespace', () => {
  const a = canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } });
  const b = canonicalJson({ a: { c: 'x', d: [3, { y: null, z: true }] }, b: 1 });
  assert.equal(a, '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  assert.equal(a, b);
});

test('canonical JSON round-trips through JSON.parse unchanged', () => {
  const text = canonicalJson({ amountCents: 12345, note: 'caffè "doppio"\n', list: [], nested: {} });
  assert.equal(canonicalJson(JSON.parse(text)), text);
});

test('undefined properties are left out, as JSON.stringify does', () => {
  assert.equal(canonicalJson({ a: undefined, b: 2 }), '{"b":2}');
});

test('values without a single JSON spelling are refused', () => {
  for (const bad of [Number.NaN, Infinity, 10n, () => 1, Symbol('s'), new Date(0), new Map(), [undefined], { nested: { n: -Infinity } }]) {
    assert.throws(() => canonicalJson(bad), JournalPayloadInvalid, String(typeof bad));
  }
});

test('the error says where the bad value sits', () => {
  assert.throws(
    () => canonicalJson({ outer: [{ n: Number.NaN }] }),
    (err: unknown) => err instanceof JournalPayloadInvalid && err.details.where === '$.outer[0].n',
  );
});
