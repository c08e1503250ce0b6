import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { toContractError } from '../../../../main/contract';
import { secretScrubber } from '../../../../main/services/secrets';
import { SportelloError } from '../../../../kernel/errors';
import { PayloadInvalid } from '../../../../drivers/payload';
import { NodeUnreachable } from '../../../../main/node';

test('a SportelloError keeps its code, message, retryable flag and details', () => {
  const e = toContractError(new NodeUnreachable('verifyPaymentNotice', 'refused', { endpoint: 'http://127.0.0.1:1/' }));
  assert.equal(e.code, 'NODE_UNREACHABLE');
  assert.equal(e.retryable, true);
  assert.match(e.message, /unreachable \(refused\)/);
  assert.deepEqual(e.details, { primitive: 'verifyPaymentNotice', reason: 'refused', endpoint: 'http://127.0.0.1:1/' });
});

test('a payload refusal carries its reason and the i18n key the screen translates', () => {
  const e = toContractError(new PayloadInvalid('looks-like-url', 'not a pagoPA notice but a link', 'https://example.com'));
  assert.equal(e.code, 'PAYLOAD_INVALID');
  assert.equal(e.details?.reason, 'looks-like-url');
  assert.equal(e.details?.messageKey, 'payload:error.looks-like-url');
});

test('a zod failure is REQUEST_INVALID with the path of what was wrong', () => {
  const r = z.object({ a: z.object({ b: z.int() }) }).safeParse({ a: { b: 'x' } });
  assert.equal(r.success, false);
  const e = toContractError(r.error);
  assert.equal(e.code, 'REQUEST_INVALID');
  assert.match(e.message, /^a\.b: /);
});

test('anything else is INTERNAL, its message cut short, no stack', () => {
  const e = toContractError(new TypeError('x'.repeat(1000)));
  assert.equal(e.code, 'INTERNAL');
  assert.equal(e.message.length, 300);
  assert.equal(JSON.stringify(e).includes('at '), false);
  assert.deepEqual(toContractError('plain string'), { code: 'INTERNAL', message: 'plain string' });
});

test('details that JSON cannot hold are dropped, not thrown', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const e = toContractError(new SportelloError('X', 'boom', { details: { cyclic } }));
  assert.deepEqual(e, { code: 'X', message: 'boom', retryable: false });
  assert.equal('details' in toContractError(new SportelloError('Y', 'none')), false);
});

test('secret values are masked wherever they appear in an error, keys included', () => {
  const scrub = secretScrubber(['Sportello-Sim1', 'sub-key-123456', '']);
  const e = toContractError(
    new SportelloError('NODE_AUTH', 'login with Sportello-Sim1 failed', { details: { sent: ['key=sub-key-123456'], 'Sportello-Sim1': 1 } }),
    scrub,
  );
  const text = JSON.stringify(e);
  assert.doesNotMatch(text, /Sportello-Sim1|sub-key-123456/);
  assert.match(e.message, /login with •+ failed/);
  assert.deepEqual(e.details?.sent, ['key=••••••••']);
  assert.equal(toContractError(new Error('Sportello-Sim1'), scrub).message, '••••••••');
});

test('the scrubber masks the longer of two overlapping secrets whole, and leaves other text alone', () => {
  const scrub = secretScrubber(['abcdefgh', 'abcdefgh-longer']);
  assert.equal(scrub('x abcdefgh-longer y abcdefgh'), 'x •••••••• y ••••••••');
  assert.equal(scrub('nothing secret here'), 'nothing secret here');
});
