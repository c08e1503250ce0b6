import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aux3Notice, checkDigits, creditorReferenceId, hasValidCheckDigit, qrText } from '../../../sim/notice';
import { loadSeed } from '../../../sim/seed';

test('mod-93 check digits match the worked examples', () => {
  assert.equal(checkDigits('3020001000000094'), '07');
  assert.equal(checkDigits('3007157000000000'), '32');
  assert.ok(hasValidCheckDigit('302000100000009407'));
  assert.ok(hasValidCheckDigit('001000000000012370'));
  assert.ok(hasValidCheckDigit('200000000000012332'));
  assert.ok(!hasValidCheckDigit('311111111112222222'), 'the SANP doc example is not check-digit-valid');
  assert.ok(hasValidCheckDigit('100000000000000001'), 'aux 1 has no check digit');
  assert.ok(!hasValidCheckDigit('30200010000000940'));
});

test('aux3Notice builds a valid aux-3 number; the IUV drops the aux digit (aux 0: aux and application code)', () => {
  const n = aux3Notice('01', 42);
  assert.match(n, /^3010000000000042\d{2}$/);
  assert.ok(hasValidCheckDigit(n));
  assert.equal(creditorReferenceId(n), n.slice(1));
  assert.equal(creditorReferenceId('001000000000012370'), '000000000012370');
  assert.throws(() => aux3Notice('1', 1), RangeError);
  assert.throws(() => aux3Notice('01', 1e13), RangeError);
});

test('qrText is the PAGOPA|002 string with the amount in cents', () => {
  assert.equal(qrText('301020250000000129', '77777777777', 12000), 'PAGOPA|002|301020250000000129|77777777777|12000');
});

test('every seeded notice is check-digit-valid except the one labelled otherwise', () => {
  const seed = loadSeed();
  const invalid = seed.positions.filter((p) => !hasValidCheckDigit(p.noticeNumber as string)).map((p) => p.label);
  assert.deepEqual(invalid, ['check digit not valid (the node does not check it)']);
  for (const a of seed.absent) assert.ok(hasValidCheckDigit(a.noticeNumber), a.label);
});
