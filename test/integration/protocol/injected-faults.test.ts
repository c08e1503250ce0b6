// A misbehaving node (the simulator's injected faults) as the client sees it: every failure is a
// typed error whose `sent` and `retryable` tell the outbox whether and how to resend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeHttpError, NodeNoResponse, messageKeyFor } from '../../../main/node';
import type { Simulator } from '../../../sim/simulator';
import { AMOUNT, CF, N, adminGet, cashDetails, clientFor, failure, fault, position, startSim } from './support';

const qrCode = { fiscalCode: CF, noticeNumber: N.single };

async function admin(sim: Simulator, method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<number> {
  const res = await fetch(`${sim.adminUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  await res.arrayBuffer();
  return res.status;
}

function assertNoResponse(e: unknown, reason: 'connection-lost' | 'timeout'): asserts e is NodeNoResponse {
  assert.ok(e instanceof NodeNoResponse, `expected NodeNoResponse, got ${String(e)}`);
  assert.equal(e.reason, reason);
  assert.equal(e.sent, true, 'the request may have arrived');
  assert.equal(e.retryable, true);
  assert.equal(messageKeyFor(e), 'faults.transport.noResponse');
}

test('drop-response: the node did the work, the client gets NodeNoResponse, and a resend with the same key recovers the token', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  sim.injectFaults({ kind: 'drop-response', primitive: 'activatePaymentNoticeV2', count: 1 });
  const idempotencyKey = node.newIdempotencyKey();

  assertNoResponse(await failure(node.activatePaymentNoticeV2({ idempotencyKey, qrCode, amount: AMOUNT.single })), 'connection-lost');
  const p = position(sim, CF, N.single);
  assert.equal(p.state, 'in-progress', 'the lost answer still opened the session');
  const [dropped] = sim.log();
  assert.deepEqual(dropped?.injected, ['drop-response']);
  assert.equal(dropped?.httpStatus, undefined, 'no answer was sent');
  assert.equal(dropped?.paymentToken, p.sessions[0]?.paymentToken);

  const resent = await node.activatePaymentNoticeV2({ idempotencyKey, qrCode, amount: AMOUNT.single });
  assert.equal(resent.paymentToken, dropped?.paymentToken, 'the same session, not a second one');
  assert.equal(sim.log()[1]?.replayed, true);
  assert.equal(position(sim, CF, N.single).sessions.length, 1);
});

test('drop-response on the outcome: the notice is paid although the client never heard so', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const session = await node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single });
  sim.injectFaults({ kind: 'drop-response', primitive: 'sendPaymentOutcomeV2', count: 1 });
  const request = {
    idempotencyKey: node.newIdempotencyKey(),
    paymentTokens: [session.paymentToken],
    outcome: 'OK' as const,
    details: cashDetails(),
  };
  assertNoResponse(await failure(node.sendPaymentOutcomeV2(request)), 'connection-lost');
  assert.equal(position(sim, CF, N.single).state, 'paid');
  assert.deepEqual(await node.sendPaymentOutcomeV2(request), { outcome: 'OK' }, 'the outbox resend is answered as the first was');
});

test('refuse: the connection is cut on arrival, a typed NodeNoResponse, and nothing happened', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  assert.equal(await admin(sim, 'POST', '/faults', { kind: 'refuse', primitive: 'activatePaymentNoticeV2', count: 1 }), 201);
  // The request headers had arrived (the rule matches on SOAPAction), so the client cannot know it was not handled.
  const e = await failure(node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single }));
  assertNoResponse(e, 'connection-lost');
  assert.equal(position(sim, CF, N.single).sessions.length, 0);
  assert.deepEqual(sim.log()[0]?.injected, ['refuse']);
  // count 1: the next call goes through
  await node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single });
  assert.equal(position(sim, CF, N.single).state, 'in-progress');
});

test('outage: every SOAP call fails typed while the admin API still answers; clearing it restores service', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  assert.equal(await admin(sim, 'POST', '/faults', { kind: 'outage' }), 201);
  assertNoResponse(await failure(node.verifyPaymentNotice({ qrCode })), 'connection-lost');
  assertNoResponse(
    await failure(node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single })),
    'connection-lost',
  );
  assertNoResponse(await failure(node.nodoChiediCatalogoServiziV2()), 'connection-lost');
  const health = await adminGet<{ status: string; faults: number }>(sim, '/health');
  assert.deepEqual([health.status, health.faults], ['ok', 1]);
  assert.equal(position(sim, CF, N.single).sessions.length, 0);
  assert.ok(sim.log().every((e) => e.injected?.includes('outage')));

  assert.equal(await admin(sim, 'DELETE', '/faults'), 200);
  const verified = await node.verifyPaymentNotice({ qrCode });
  assert.equal(verified.paymentList[0]?.amount, AMOUNT.single);
});

test('http500 and http503: NodeHttpError, retryable, nothing handled', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  for (const [kind, status] of [
    ['http500', 500],
    ['http503', 503],
  ] as const) {
    sim.injectFaults({ kind, primitive: 'activatePaymentNoticeV2', count: 1 });
    const e = await failure(node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single }));
    assert.ok(e instanceof NodeHttpError, `${kind}: ${String(e)}`);
    assert.equal(e.status, status);
    assert.equal(e.retryable, true);
    assert.equal(e.sent, true);
    assert.equal(messageKeyFor(e), 'faults.transport.httpServer');
  }
  assert.equal(position(sim, CF, N.single).sessions.length, 0);
  assert.deepEqual(
    sim.log().map((e) => [e.httpStatus, e.injected]),
    [
      [500, ['http500']],
      [503, ['http503']],
    ],
  );
});

test('system-error: NodeFault PPT_SYSTEM_ERROR, retryable, the outcome not taken; a resend delivers it', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const session = await node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single });
  sim.injectFaults({ kind: 'system-error', primitive: 'sendPaymentOutcomeV2', count: 1 });
  const send = () =>
    node.sendPaymentOutcomeV2({
      idempotencyKey: node.newIdempotencyKey(),
      paymentTokens: [session.paymentToken],
      outcome: 'OK',
      details: cashDetails(),
    });
  const e = await fault(send(), 'PPT_SYSTEM_ERROR', 'retry', 'sendPaymentOutcomeV2');
  assert.equal(e.retryable, true);
  assert.equal(position(sim, CF, N.single).state, 'in-progress');
  assert.deepEqual(position(sim, CF, N.single).sessions[0]?.received, []);
  await send();
  assert.equal(position(sim, CF, N.single).state, 'paid');
});

test("latency beyond the client's timeout: NodeNoResponse timeout; a resend with the same key ends with one session", async (t) => {
  const sim = await startSim(t);
  // A short timeout only so the test is quick; the latency is well above it and nothing asserts a duration.
  const node = clientFor(t, sim, { timeoutsMs: { activatePaymentNotice: 200 } });
  sim.injectFaults({ kind: 'latency', latencyMs: 1_500, primitive: 'activatePaymentNoticeV2', count: 1 });
  const idempotencyKey = node.newIdempotencyKey();
  const e = await failure(node.activatePaymentNoticeV2({ idempotencyKey, qrCode, amount: AMOUNT.single }));
  assertNoResponse(e, 'timeout');
  assert.equal(e.details.timeoutMs, 200);
  const [slow] = sim.log();
  assert.deepEqual(
    [slow?.injected, slow?.latencyMs, slow?.httpStatus],
    [['latency'], 1_500, undefined],
    'the node had the request and no answer went out',
  );

  // The outbox's move after an unknown outcome: the same request, the same key.
  const resent = await node.activatePaymentNoticeV2({ idempotencyKey, qrCode, amount: AMOUNT.single });
  const p = position(sim, CF, N.single);
  assert.deepEqual(
    p.sessions.map((s) => s.paymentToken),
    [resent.paymentToken],
  );
  assert.equal(p.state, 'in-progress');
});
