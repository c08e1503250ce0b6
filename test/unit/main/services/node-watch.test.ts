import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeWatch, outcomeOf } from '../../../../main/services/node-watch';
import type { NodeStatus } from '../../../../main/contract';
import { NodeBadResponse, NodeFault, NodeHttpError, NodeNoResponse, NodeUnreachable, RequestInvalid } from '../../../../main/node';

test('what a failed call says about the node', () => {
  const fault = new NodeFault('verifyPaymentNotice', {
    faultCode: 'PPT_PAGAMENTO_DUPLICATO',
    faultString: 'duplicate',
    id: 'NodoDeiPagamentiSPC',
  });
  assert.deepEqual(outcomeOf(fault), { answered: true }, 'a fault is an answer');
  assert.deepEqual(outcomeOf(new NodeBadResponse('verifyPaymentNotice', 'not-xml', 'garbage')), { answered: true });
  assert.deepEqual(
    outcomeOf(new NodeHttpError('verifyPaymentNotice', 401)),
    { answered: true },
    'the gateway refusing the key is an answer',
  );
  assert.deepEqual(outcomeOf(new NodeHttpError('verifyPaymentNotice', 503)), { answered: false, code: 'NODE_HTTP_ERROR' });
  assert.deepEqual(outcomeOf(new NodeUnreachable('verifyPaymentNotice', 'refused', {})), { answered: false, code: 'NODE_UNREACHABLE' });
  assert.deepEqual(outcomeOf(new NodeNoResponse('sendPaymentOutcomeV2', 'timeout', {})), { answered: false, code: 'NODE_NO_RESPONSE' });
  assert.equal(outcomeOf(new RequestInvalid('amount', 'a decimal')), null, 'nothing was sent');
  assert.equal(outcomeOf(new Error('bug')), null);
});

test('unknown until the first exchange, then what the last exchange said, with its time', () => {
  let now = 1_000;
  const seen: NodeStatus[] = [];
  const w = new NodeWatch(
    () => now,
    (s) => seen.push(s),
  );
  assert.deepEqual(w.get(), { state: 'unknown', lastExchangeAtMs: null, lastErrorCode: null });
  w.observe({ answered: false, code: 'NODE_UNREACHABLE' });
  now = 2_000;
  w.observe({ answered: true });
  assert.deepEqual(seen, [
    { state: 'unreachable', lastExchangeAtMs: 1_000, lastErrorCode: 'NODE_UNREACHABLE' },
    { state: 'reachable', lastExchangeAtMs: 2_000, lastErrorCode: null },
  ]);
  // get() hands out a copy
  const s = w.get();
  s.state = 'unknown';
  assert.equal(w.get().state, 'reachable');
});
