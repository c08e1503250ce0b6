import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdempotencyKeyInvalid, IDEMPOTENCY_KEY_RE, isIdempotencyKey, maskSecrets, newIdempotencyKey } from '../../../../main/protocol';

test('keys are <prefix>_<10 alphanumerics> and match the XSD pattern', () => {
  const keys = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const k = newIdempotencyKey('12345678901');
    assert.match(k, /^12345678901_[a-zA-Z0-9]{10}$/);
    assert.ok(isIdempotencyKey(k));
    keys.add(k);
  }
  // 62^10 possibilities: 200 draws colliding would mean the random part is not random
  assert.equal(keys.size, 200);
  assert.equal(
    newIdempotencyKey('ABCDEFGHIJKLMNOPQR', () => 'a1B2c3D4e5'),
    'ABCDEFGHIJKLMNOPQR_a1B2c3D4e5',
  );
  assert.equal(
    newIdempotencyKey('AB', () => '0000000000'),
    'AB_0000000000',
  );
  assert.equal(IDEMPOTENCY_KEY_RE.source, '^[a-zA-Z0-9]{2,18}_[a-zA-Z0-9]{10}$');
});

test('the random part uses every alphanumeric class', () => {
  const all = Array.from({ length: 300 }, () => newIdempotencyKey('AB').slice(3)).join('');
  assert.match(all, /[a-z]/);
  assert.match(all, /[A-Z]/);
  assert.match(all, /[0-9]/);
});

test('bad prefixes and bad random parts are refused with a typed error', () => {
  for (const prefix of ['', 'A', 'ABCDEFGHIJKLMNOPQRS', '1234_5678', 'CF-PSP', 'àb', ' AB']) {
    assert.throws(
      () => newIdempotencyKey(prefix),
      (e: unknown) => e instanceof IdempotencyKeyInvalid && e.code === 'IDEMPOTENCY_KEY_INVALID' && !e.retryable,
      prefix,
    );
  }
  for (const tail of ['short', 'elevenchars', 'with_under', '']) {
    assert.throws(() => newIdempotencyKey('AB', () => tail), IdempotencyKeyInvalid, tail);
  }
  for (const k of ['12345678901-0123456789', 'A_0123456789', '12345678901_012345678', '12345678901_0123456789x'])
    assert.equal(isIdempotencyKey(k), false, k);
});

test('maskSecrets hides the password element whatever its prefix', () => {
  const xml = '<a><password>s3cret!</password><x:password a="1">other</x:password><passwordHint>keep</passwordHint></a>';
  const masked = maskSecrets(xml);
  assert.equal(masked, '<a><password>***</password><x:password a="1">***</x:password><passwordHint>keep</passwordHint></a>');
});
