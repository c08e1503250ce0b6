// What the engine does with the node's answers of the official scenarios around outcomes, expiry,
// the node's cancel job and in-progress notices: the real engine, a real SQLite file, the simulator
// over HTTP. The simulator side of the same scenarios is in outcome-expiry.test.ts and
// activation-idempotency.test.ts; these tests assert the terminal's reaction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, startHarness, type Harness } from '../support/engine-harness';
import type { NoticeRef } from '../../main/engine';
import { CF, N, SEC, activated, assertOk, body, call, newKey } from './support';

const ref = (noticeNumber: string): NoticeRef => ({ fiscalCode: CF, noticeNumber, scannedAmountCents: null, source: 'qr' });

/** A counter session with one notice activated and paid in cash; the OK is queued, the outbox not yet started. */
async function paidNotQueued(h: Harness, noticeNumber = N.single): Promise<{ sessionId: string; token: string }> {
  const s = h.engine.startSession('counter');
  await h.engine.addNotice(s.id, ref(noticeNumber));
  const act = await h.engine.activate(s.id);
  assert.equal(act.status, 'activated');
  await h.engine.tender(s.id, 'cash', null);
  return { sessionId: s.id, token: act.notices[0]!.activation!.paymentToken };
}

/** Waits (bounded by a count of polls, not a time assertion) until the simulator logged an answer that matches. */
async function untilLogged(h: Harness, match: (e: ReturnType<Harness['sim']['log']>[number]) => boolean): Promise<void> {
  h.outbox.start();
  for (let i = 0; i < 1_000; i++) {
    if (h.sim.log().some(match)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the simulator never logged the expected exchange');
}

test("retry_PaNew_01: the engine's OK sent after the token expired, before the node's cancel job, is accepted as paid", async (t) => {
  const h = await startHarness(t, { tokenDurationMs: 60_000 });
  const { sessionId, token } = await paidNotQueued(h);
  h.sim.advanceClock(61 * SEC); // the token lapsed at the node, its cancel job has not run yet
  await settle(h);
  const s = h.engine.get(sessionId);
  assert.equal(s.status, 'completed');
  assert.equal(s.notices[0]!.phase, 'accepted');
  assert.equal(h.sim.position(CF, N.single)?.paid?.paymentToken, token);
});

test("retry_PaNew_05 / retry_PaNew_09: a late OK while another token holds the notice is PPT_PAGAMENTO_DUPLICATO: refund required, creditor code 9; the other token's OK in time is accepted", async (t) => {
  const h = await startHarness(t, { tokenDurationMs: 60_000 });
  const { sessionId } = await paidNotQueued(h);
  h.sim.advanceClock(61 * SEC);
  h.sim.runCancelJob(); // our token is released: another payer activates the notice
  const second = await activated(h.sim, 'single');
  await settle(h);
  const s = h.engine.get(sessionId);
  assert.equal(s.status, 'refund-required');
  assert.equal(s.notices[0]!.phase, 'refund-required');
  assert.equal(s.notices[0]!.lastError?.faultCode, 'PPT_PAGAMENTO_DUPLICATO');
  assert.equal(s.notices[0]!.creditorReportCode, 9);
  assert.equal(h.db.notices.findByPosition(sessionId, 1)?.creditorReportCode, 9, 'persisted');
  // retry_PaNew_09: the refusal changed nothing at the node; the other payer's OK in time is taken.
  assertOk(await call(h.sim, body.outcomeV2(h.sim.credentials, { tokens: [second], outcome: 'OK', key: newKey(), details: {} })));
  assert.equal(h.sim.position(CF, N.single)?.paid?.paymentToken, second);
});

test('SEM_APNR_21.2: a notice whose other token expired before the cancel job ran is still in progress (PPT_PAGAMENTO_IN_CORSO): nothing held, nothing collected; after the job it is paid normally', async (t) => {
  const h = await startHarness(t);
  await activated(h.sim, 'single', { expirationTime: 2 * SEC });
  h.sim.advanceClock(3 * SEC);
  const s = h.engine.startSession('counter');
  const refused = (await h.engine.addNotice(s.id, ref(N.single))).notices[0]!;
  // The node says so already at verify; the engine never gets to activate it.
  assert.equal(refused.phase, 'verify-failed');
  assert.equal(refused.lastError?.faultCode, 'PPT_PAGAMENTO_IN_CORSO');
  assert.equal(
    h.sim.log().filter((e) => e.operation === 'activatePaymentNoticeV2' || e.operation === 'activatePaymentNotice').length,
    1,
    "only the other payer's activation",
  );
  assert.equal(h.db.outbox.pending().depth, 0, 'no token, no outcome owed');
  h.sim.runCancelJob();
  const again = h.engine.startSession('counter');
  await h.engine.addNotice(again.id, ref(N.single));
  assert.equal((await h.engine.activate(again.id)).status, 'activated');
});

test('IDMP_ACT_19: re-asking an unanswered activation with its key after the token expired gets PPT_PAGAMENTO_IN_CORSO, which settles nothing', async (t) => {
  const h = await startHarness(t, { horizonMs: 1, tokenDurationMs: 600_000 });
  h.sim.injectFaults([{ kind: 'drop-response', primitive: 'activatePaymentNoticeV2', count: 1 }]);
  const s = h.engine.startSession('counter');
  await h.engine.addNotice(s.id, ref(N.single));
  const unknown = await h.engine.activate(s.id);
  assert.equal(unknown.notices[0]!.phase, 'activation-unknown');
  h.sim.advanceClock(601 * SEC); // the token the lost answer named lapsed at the node; no cancel job yet
  await new Promise((r) => setTimeout(r, 5)); // past the 1 ms horizon
  assert.equal(await h.engine.resolveUnknownActivations(), 0);
  const after = h.engine.get(s.id).notices[0]!;
  assert.equal(after.phase, 'activation-unknown', 'still unknown: asked again later, never money');
  assert.equal(
    h.db.notices.findByPosition(s.id, 1)?.lastError &&
      (h.db.notices.findByPosition(s.id, 1)!.lastError as { faultCode?: string }).faultCode,
    'PPT_PAGAMENTO_IN_CORSO',
  );
  const asks = h.sim.log().filter((e) => e.operation === 'activatePaymentNoticeV2');
  assert.equal(asks.length, 2);
  assert.equal(asks[0]!.request?.idempotencyKey, asks[1]!.request?.idempotencyKey, 'the same key');
});

test('SEM_SPO_35.1: an OK while the activation is still being processed at the node is resent and accepted once it is done', async (t) => {
  const h = await startHarness(t);
  const { sessionId, token } = await paidNotQueued(h);
  h.sim.setActivationPending(token, true);
  await untilLogged(h, (e) => e.operation === 'sendPaymentOutcomeV2' && e.faultCode === 'PPT_SEMANTICA');
  assert.equal(h.engine.get(sessionId).status, 'outcome-pending', 'transient: the outcome stays queued');
  h.sim.setActivationPending(token, false);
  await settle(h);
  assert.equal(h.engine.get(sessionId).status, 'completed');
  assert.equal(h.sim.position(CF, N.single)?.paid?.paymentToken, token);
  const refusals = h.sim.log().filter((e) => e.operation === 'sendPaymentOutcomeV2' && e.faultCode === 'PPT_SEMANTICA');
  assert.ok(refusals.every((e) => e.description === 'Outcome non accettabile per stato pagamento'));
});

test('SEM_VPNR_11: a notice number no creditor station owns is wrong notice data: told so, verified once, never retried', async (t) => {
  const h = await startHarness(t);
  const s = h.engine.startSession('counter');
  const state = await h.engine.addNotice(s.id, ref('512345678901234567'));
  const n = state.notices[0]!;
  assert.equal(n.phase, 'verify-failed');
  assert.equal(n.lastError?.faultCode, 'PPT_STAZIONE_INT_PA_SCONOSCIUTA');
  assert.equal(n.lastError?.messageKey, 'faults.PPT_STAZIONE_INT_PA_SCONOSCIUTA');
  assert.equal(h.sim.log().filter((e) => e.operation === 'verifyPaymentNotice').length, 1, 'no automatic retry');
});

test('SEM_SPO_23: the node took the OK but answered an error; the resend with a new key is PPT_ESITO_GIA_ACQUISITO "Esito concorde": accepted', async (t) => {
  const h = await startHarness(t);
  h.sim.injectFaults([{ kind: 'fault-after-handling', primitive: 'sendPaymentOutcomeV2', faultCode: 'PPT_SYSTEM_ERROR', count: 1 }]);
  const { sessionId, token } = await paidNotQueued(h);
  await settle(h);
  const s = h.engine.get(sessionId);
  assert.equal(s.status, 'completed');
  assert.equal(s.notices[0]!.phase, 'accepted');
  const answers = h.sim.log().filter((e) => e.operation === 'sendPaymentOutcomeV2');
  assert.deepEqual(
    answers.map((e) => e.faultCode ?? 'OK'),
    ['PPT_SYSTEM_ERROR', 'PPT_ESITO_GIA_ACQUISITO'],
  );
  assert.match(answers[1]!.description ?? '', /^Esito concorde/);
  assert.notEqual(answers[0]!.request?.idempotencyKey, answers[1]!.request?.idempotencyKey);
  assert.equal(h.sim.position(CF, N.single)?.paid?.paymentToken, token);
});

test('SEM_SPO_37: a cart of three notices gets one sendPaymentOutcomeV2 per token, never several tokens in one call', async (t) => {
  const h = await startHarness(t);
  const s = h.engine.startSession('counter');
  for (const n of [N.single, N.canteen, N.permit]) await h.engine.addNotice(s.id, ref(n));
  await h.engine.activate(s.id);
  await h.engine.tender(s.id, 'card');
  await settle(h);
  assert.equal(h.engine.get(s.id).status, 'completed');
  const calls = h.sim.log().filter((e) => e.operation === 'sendPaymentOutcomeV2');
  assert.equal(calls.length, 3);
  for (const c of calls) assert.equal(c.request?.paymentTokens?.length, 1);
  assert.ok(calls.every((c) => c.outcome === 'OK' && c.faultCode === undefined));
});
