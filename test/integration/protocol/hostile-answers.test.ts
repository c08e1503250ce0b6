// Issue 9 §1 "Malformed fields" end to end: the simulator handles an activation normally and then
// rewrites the answer's paymentToken into one no stPaymentToken allows. The real NodeClient must
// refuse it as a typed NodeBadResponse before anything acts on it, and the same idempotency key
// must then recover the token the node really issued.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeBadResponse } from '../../../main/protocol';
import { messageKeyFor } from '../../../main/node';
import { AMOUNT, CF, N, clientFor, failure, position, startSim } from './support';

const qrCode = { fiscalCode: CF, noticeNumber: N.single };

test('a 5,000-character token is refused naming paymentToken; the same key then gets the real token', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  sim.injectFaults({ kind: 'bad-token', token: 'long', primitive: 'activatePaymentNoticeV2', count: 1 });
  const idempotencyKey = node.newIdempotencyKey();

  const e = await failure(node.activatePaymentNoticeV2({ idempotencyKey, qrCode, amount: AMOUNT.single }));
  assert.ok(e instanceof NodeBadResponse, String(e));
  assert.equal(e.reason, 'bad-field');
  assert.equal(e.field, 'paymentToken');
  assert.match(e.rule ?? '', /^stPaymentToken/);
  assert.equal(e.sent, true);
  assert.equal(e.retryable, true, 'resend with the same key');
  assert.equal(e.details.paymentToken, undefined, 'an invalid token is never handed on');
  assert.ok(JSON.stringify(e.toJSON()).length < 1_000, 'the 5,000 characters are not echoed');
  assert.equal(messageKeyFor(e), 'faults.transport.badResponse');

  const issued = sim.log()[0]?.paymentToken;
  assert.ok(issued && issued.length <= 35);
  assert.equal(position(sim, CF, N.single).state, 'in-progress', 'the node did open a session');
  const again = await node.activatePaymentNoticeV2({ idempotencyKey, qrCode, amount: AMOUNT.single });
  assert.equal(again.paymentToken, issued, 'the node replays the token it really issued');
});

test('a token of markup and control characters is refused as an unreadable answer', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  sim.injectFaults({ kind: 'bad-token', token: 'markup', primitive: 'activatePaymentNoticeV2', count: 1 });
  const e = await failure(node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single }));
  assert.ok(e instanceof NodeBadResponse, String(e));
  // Its control characters are ones XML 1.0 forbids even as references: refused by the reader.
  assert.equal(e.reason, 'not-xml');
  assert.doesNotMatch(JSON.stringify(e.toJSON()) + e.message, /[\u0000-\u001F]/);
});
