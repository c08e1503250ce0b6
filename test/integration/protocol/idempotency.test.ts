// Idempotency keys as the outbox relies on them: a resend with the same key and the same request
// gets the first answer back with no new effect; the same key on another request is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AMOUNT, CF, N, cashDetails, clientFor, fault, position, startSim } from './support';

const qrCode = { fiscalCode: CF, noticeNumber: N.single };

test('activate: same key and same parameters give the same token, replayed, with one session', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const idempotencyKey = node.newIdempotencyKey();
  const first = await node.activatePaymentNoticeV2({ idempotencyKey, qrCode, amount: AMOUNT.single });
  const second = await node.activatePaymentNoticeV2({ idempotencyKey, qrCode, amount: AMOUNT.single });
  assert.equal(second.paymentToken, first.paymentToken);
  assert.deepEqual(second, first, 'the first answer, verbatim');
  assert.equal(position(sim, CF, N.single).sessions.length, 1);
  const log = sim.log();
  assert.deepEqual(
    log.map((e) => [e.request?.idempotencyKey, e.paymentToken, e.replayed === true]),
    [
      [idempotencyKey, first.paymentToken, false],
      [idempotencyKey, first.paymentToken, true],
    ],
  );
});

test('activate: same key with different parameters is PPT_ERRORE_IDEMPOTENZA, and the first session stands', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const idempotencyKey = node.newIdempotencyKey();
  const first = await node.activatePaymentNoticeV2({ idempotencyKey, qrCode, amount: AMOUNT.single });
  const e = await fault(
    node.activatePaymentNoticeV2({ idempotencyKey, qrCode, amount: AMOUNT.single, expirationTime: 60_000 }),
    'PPT_ERRORE_IDEMPOTENZA',
    'retry',
  );
  assert.equal(e.retryable, true, 'with a new key');
  const p = position(sim, CF, N.single);
  assert.deepEqual(
    p.sessions.map((s) => s.paymentToken),
    [first.paymentToken],
  );
  assert.equal(sim.log()[1]?.faultCode, 'PPT_ERRORE_IDEMPOTENZA');
});

test('outcome: a resend with the same key is a replay, not a second outcome', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const session = await node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single });
  const request = {
    idempotencyKey: node.newIdempotencyKey(),
    paymentTokens: [session.paymentToken],
    outcome: 'OK' as const,
    details: cashDetails(),
  };
  assert.deepEqual(await node.sendPaymentOutcomeV2(request), { outcome: 'OK' });
  assert.deepEqual(
    await node.sendPaymentOutcomeV2(request),
    { outcome: 'OK' },
    'not PPT_ESITO_GIA_ACQUISITO: the node recognised the resend',
  );
  const p = position(sim, CF, N.single);
  assert.equal(p.state, 'paid');
  assert.equal(p.sessions[0]?.received.length, 1, 'one outcome received');
  assert.deepEqual(
    sim
      .log()
      .slice(1)
      .map((e) => e.replayed === true),
    [false, true],
  );
});
