// Why a notice cannot be paid, as the client sees it: each business fault of the simulator arrives
// as a NodeFault whose classification tells the terminal what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageKeyFor } from '../../../main/node';
import { AMOUNT, CF, N, UNKNOWN_CF, UNREACHABLE_CF, clientFor, fault, position, startSim } from './support';

test('an already paid notice is PPT_PAGAMENTO_DUPLICATO: notice-paid on verify and on activate', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const qrCode = { fiscalCode: CF, noticeNumber: N.paid };
  const v = await fault(node.verifyPaymentNotice({ qrCode }), 'PPT_PAGAMENTO_DUPLICATO', 'notice-paid');
  assert.equal(v.classification.messageKey, 'faults.PPT_PAGAMENTO_DUPLICATO.verify');
  const a = await fault(
    node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: 31000 }),
    'PPT_PAGAMENTO_DUPLICATO',
    'notice-paid',
  );
  assert.equal(a.classification.messageKey, 'faults.PPT_PAGAMENTO_DUPLICATO.activate');
  assert.equal(a.retryable, false);
  assert.equal(position(sim, CF, N.paid).sessions.length, 0);
});

test("an expired notice is the creditor's PAA_PAGAMENTO_SCADUTO wrapped in PPT_ERRORE_EMESSO_DA_PAA", async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const e = await fault(
    node.verifyPaymentNotice({ qrCode: { fiscalCode: CF, noticeNumber: N.expired } }),
    'PPT_ERRORE_EMESSO_DA_PAA',
    'notice-unpayable',
  );
  assert.equal(e.originalFaultCode, 'PAA_PAGAMENTO_SCADUTO');
  assert.equal(e.id, CF, 'the creditor raised it');
  assert.equal(e.classification.effectiveCode, 'PAA_PAGAMENTO_SCADUTO');
  assert.equal(messageKeyFor(e), 'faults.PAA_PAGAMENTO_SCADUTO');
});

test('an unknown notice at a known creditor is PAA_PAGAMENTO_SCONOSCIUTO', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const e = await fault(
    node.verifyPaymentNotice({ qrCode: { fiscalCode: CF, noticeNumber: N.unknown } }),
    'PPT_ERRORE_EMESSO_DA_PAA',
    'notice-unpayable',
  );
  assert.equal(e.originalFaultCode, 'PAA_PAGAMENTO_SCONOSCIUTO');
  assert.equal(e.classification.effectiveCode, 'PAA_PAGAMENTO_SCONOSCIUTO');
  assert.equal(e.retryable, false);
});

test('an unknown creditor is PPT_DOMINIO_SCONOSCIUTO', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const e = await fault(
    node.verifyPaymentNotice({ qrCode: { fiscalCode: UNKNOWN_CF, noticeNumber: N.single } }),
    'PPT_DOMINIO_SCONOSCIUTO',
    'notice-unpayable',
  );
  assert.equal(e.id, 'NodoDeiPagamentiSPC');
});

test('an unreachable creditor station is PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE, retryable, and clears when it is back', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const qrCode = { fiscalCode: UNREACHABLE_CF, noticeNumber: N.unreachable };
  const e = await fault(node.verifyPaymentNotice({ qrCode }), 'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE', 'creditor-unavailable');
  assert.equal(e.retryable, true);
  sim.setStation(UNREACHABLE_CF, { station: 'online' });
  const verified = await node.verifyPaymentNotice({ qrCode });
  assert.equal(verified.paymentList[0]?.amount, 5700);
});

test('an open session: verify and a second activation get PPT_PAGAMENTO_IN_CORSO', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const qrCode = { fiscalCode: CF, noticeNumber: N.single };
  const first = await node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single });
  await fault(node.verifyPaymentNotice({ qrCode }), 'PPT_PAGAMENTO_IN_CORSO', 'payment-in-progress');
  const again = await fault(
    node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single }),
    'PPT_PAGAMENTO_IN_CORSO',
    'payment-in-progress',
  );
  assert.equal(again.retryable, false);
  const p = position(sim, CF, N.single);
  assert.deepEqual(
    p.sessions.map((s) => s.paymentToken),
    [first.paymentToken],
    'the second activation opened nothing',
  );
  assert.equal(p.state, 'in-progress');
});

test("expirationTime above the node's default is PPT_AUTORIZZAZIONE, refused rather than clamped", async (t) => {
  const sim = await startSim(t, { tokenMs: 600_000 });
  const node = clientFor(t, sim);
  const qrCode = { fiscalCode: CF, noticeNumber: N.single };
  const e = await fault(
    node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.single, expirationTime: 600_001 }),
    'PPT_AUTORIZZAZIONE',
    'configuration',
  );
  assert.match(e.description ?? '', /600000/);
  assert.equal(position(sim, CF, N.single).sessions.length, 0);
  // exactly the default is fine
  const ok = await node.activatePaymentNoticeV2({
    idempotencyKey: node.newIdempotencyKey(),
    qrCode,
    amount: AMOUNT.single,
    expirationTime: 600_000,
  });
  assert.equal(position(sim, CF, N.single).sessions[0]?.paymentToken, ok.paymentToken);
});
