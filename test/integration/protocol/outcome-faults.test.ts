// The outcome's fault paths as the outbox sees them: unknown and expired tokens, outcomes already
// held, several tokens at once. Expiry moves the simulator's clock; nothing waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeClient } from '../../../main/node';
import type { Simulator } from '../../../sim/simulator';
import { AMOUNT, CF, N, cashDetails, clientFor, fault, position, startSim } from './support';

const qrCode = { fiscalCode: CF, noticeNumber: N.single };

async function activate(node: NodeClient, noticeNumber: string = N.single, amount: number = AMOUNT.single): Promise<string> {
  const s = await node.activatePaymentNoticeV2({
    idempotencyKey: node.newIdempotencyKey(),
    qrCode: { fiscalCode: CF, noticeNumber },
    amount,
  });
  return s.paymentToken;
}

const ok = (node: NodeClient, token: string) =>
  node.sendPaymentOutcomeV2({ idempotencyKey: node.newIdempotencyKey(), paymentTokens: [token], outcome: 'OK', details: cashDetails() });
const ko = (node: NodeClient, token: string) =>
  node.sendPaymentOutcomeV2({ idempotencyKey: node.newIdempotencyKey(), paymentTokens: [token], outcome: 'KO' });

/** Past the token's expiry and the node's cancel job on the simulated clock (an expired token holds its notice until the job runs). */
const expire = (sim: Simulator) => sim.advanceClock(sim.tokenMs + sim.cancelJobMs);

test('an outcome for a token the node never issued is PPT_TOKEN_SCONOSCIUTO: staff decide', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const e = await fault(ok(node, '0123456789abcdef0123456789abcdef'), 'PPT_TOKEN_SCONOSCIUTO', 'operator-decision', 'sendPaymentOutcomeV2');
  assert.equal(e.retryable, false);
});

test('a late OK is PPT_TOKEN_SCADUTO (outcome-late-accepted) and the node settles the notice paid, late', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const token = await activate(node);
  expire(sim);
  assert.equal(position(sim, CF, N.single).state, 'payable', 'the expired session no longer holds the notice');
  const e = await fault(ok(node, token), 'PPT_TOKEN_SCADUTO', 'outcome-late-accepted');
  assert.equal(e.classification.messageKey, 'faults.PPT_TOKEN_SCADUTO');
  const p = position(sim, CF, N.single);
  assert.equal(p.state, 'paid');
  assert.deepEqual({ token: p.paid?.paymentToken, late: p.paid?.late }, { token, late: true });
  assert.equal(p.sessions[0]?.status, 'paid-late');
});

test('a late KO is PPT_TOKEN_SCADUTO_KO (outcome-accepted) and changes nothing', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const token = await activate(node);
  expire(sim);
  await fault(ko(node, token), 'PPT_TOKEN_SCADUTO_KO', 'outcome-accepted');
  const p = position(sim, CF, N.single);
  assert.equal(p.state, 'payable');
  assert.equal(p.sessions[0]?.acquired, undefined);
  assert.deepEqual(
    p.sessions[0]?.received.map((r) => r.answer),
    ['PPT_TOKEN_SCADUTO_KO'],
  );
});

test('a late OK after another payment closed the notice is PPT_PAGAMENTO_DUPLICATO: refund the customer', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const mine = await activate(node);
  expire(sim);
  const theirs = await activate(node);
  await ok(node, theirs);
  const e = await fault(ok(node, mine), 'PPT_PAGAMENTO_DUPLICATO', 'refund-customer');
  assert.equal(e.classification.messageKey, 'faults.PPT_PAGAMENTO_DUPLICATO.outcome');
  const p = position(sim, CF, N.single);
  assert.equal(p.paid?.paymentToken, theirs, 'the other payment stands');
  assert.equal(p.paid?.late, false);
});

test('a second outcome with another key: PPT_ESITO_GIA_ACQUISITO, concorde accepted, discorde for staff', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const token = await activate(node);
  await ok(node, token);

  const same = await fault(ok(node, token), 'PPT_ESITO_GIA_ACQUISITO', 'outcome-accepted');
  assert.equal(same.classification.previousOutcome?.agrees, true);
  assert.equal(same.classification.messageKey, 'faults.PPT_ESITO_GIA_ACQUISITO.concorde');
  assert.equal(same.classification.previousOutcome?.data?.outcome, 'OK');
  assert.equal(same.classification.previousOutcome?.data?.paymentToken, token);

  const other = await fault(ko(node, token), 'PPT_ESITO_GIA_ACQUISITO', 'outcome-discordant');
  assert.equal(other.classification.previousOutcome?.agrees, false);
  assert.equal(other.classification.messageKey, 'faults.PPT_ESITO_GIA_ACQUISITO.discorde');
  assert.equal(position(sim, CF, N.single).state, 'paid', 'the first outcome stands');
  assert.deepEqual(
    position(sim, CF, N.single).sessions[0]?.received.map((r) => r.answer),
    ['OK', 'PPT_ESITO_GIA_ACQUISITO', 'PPT_ESITO_GIA_ACQUISITO'],
  );
});

test('two tokens in one sendPaymentOutcomeV2 are PPT_SEMANTICA "token multipli": request-invalid, nothing paid', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const a = await activate(node);
  const b = await activate(node, N.canteen, AMOUNT.canteen);
  const e = await fault(
    node.sendPaymentOutcomeV2({ idempotencyKey: node.newIdempotencyKey(), paymentTokens: [a, b], outcome: 'OK', details: cashDetails() }),
    'PPT_SEMANTICA',
    'request-invalid',
  );
  assert.equal(e.retryable, false);
  assert.equal(e.classification.messageKey, 'faults.PPT_SEMANTICA.multipleTokens');
  assert.deepEqual(sim.log().at(-1)?.request?.paymentTokens, [a, b]);
  assert.equal(position(sim, CF, N.single).state, 'in-progress');
  assert.equal(position(sim, CF, N.canteen).state, 'in-progress');
  // each token on its own is then fine
  await ok(node, a);
  assert.equal(position(sim, CF, qrCode.noticeNumber).state, 'paid');
});
