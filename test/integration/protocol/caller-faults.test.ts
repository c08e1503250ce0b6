// How the node refuses a caller it does not know, as the client sees it: the gateway's 401 for a
// wrong subscription key, the node's configuration faults for a wrong PSP, broker, channel or password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeHttpError, messageKeyFor } from '../../../main/node';
import { AMOUNT, CF, N, clientFor, failure, fault, position, startSim } from './support';

const qrCode = { fiscalCode: CF, noticeNumber: N.single };

test("a wrong subscription key is the gateway's HTTP 401: not retryable, nothing reaches the node", async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim, { subscriptionKey: 'not-the-key' });
  const e = await failure(node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single }));
  assert.ok(e instanceof NodeHttpError, String(e));
  assert.equal(e.status, 401);
  assert.equal(e.retryable, false);
  assert.equal(e.sent, true);
  assert.equal(messageKeyFor(e), 'faults.transport.httpAuth');
  assert.ok(!JSON.stringify(e.details).includes('not-the-key'), 'the key is not in the error');
  const [entry] = sim.log();
  assert.deepEqual([entry?.httpStatus, entry?.operation], [401, undefined], 'refused before the body was read');
  assert.equal(position(sim, CF, N.single).state, 'payable');
});

test('a wrong password is PPT_AUTENTICAZIONE, a configuration problem', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim, { password: 'Wrong-Pass99' });
  const e = await fault(node.verifyPaymentNotice({ qrCode }), 'PPT_AUTENTICAZIONE', 'configuration', 'verifyPaymentNotice');
  assert.equal(e.retryable, false);
  assert.equal(e.id, 'NodoDeiPagamentiSPC');
  assert.equal(messageKeyFor(e), 'faults.PPT_AUTENTICAZIONE');
  assert.ok(!JSON.stringify(e.details).includes('Wrong-Pass99'));
  assert.equal(sim.log()[0]?.faultCode, 'PPT_AUTENTICAZIONE');
});

test('an unknown idPSP, broker or channel each get their own configuration fault', async (t) => {
  const sim = await startSim(t);
  const cases = [
    { override: { idPSP: 'NOSUCHPSP' }, code: 'PPT_PSP_SCONOSCIUTO' },
    { override: { idBrokerPSP: '98765432109' }, code: 'PPT_INTERMEDIARIO_PSP_SCONOSCIUTO' },
    { override: { idChannel: '12345678901_99' }, code: 'PPT_CANALE_SCONOSCIUTO' },
  ];
  for (const c of cases) {
    const node = clientFor(t, sim, c.override);
    // activate, not just verify: the session must not open for a caller the node does not know
    const e = await fault(
      node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single }),
      c.code,
      'configuration',
    );
    assert.equal(e.retryable, false, c.code);
    assert.equal(e.classification.messageKey, `faults.${c.code}`);
  }
  assert.deepEqual(
    sim.log().map((e) => e.faultCode),
    cases.map((c) => c.code),
  );
  assert.equal(position(sim, CF, N.single).state, 'payable');
  assert.equal(position(sim, CF, N.single).sessions.length, 0);
});
