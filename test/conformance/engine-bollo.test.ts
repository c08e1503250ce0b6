// What the engine does with @e.bollo notices (official scenarios NMU_MBD_pspNoEcommerce_KO and
// sendPaymentOutcomeV2_MBD): at a channel that may not sell stamps the notice is "not payable here"
// before any money; where it may, the OK carries the stamp document and the node takes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from '../../sim/simulator';
import { settle, startHarness } from '../support/engine-harness';
import type { NoticeRef } from '../../main/engine';
import type { TransferV2 } from '../../main/protocol';
import { CF, N, OTHER } from './support';

const ECOMMERCE = { ...OTHER, idChannel: '98765432109_02' };
const ref = (noticeNumber: string): NoticeRef => ({ fiscalCode: CF, noticeNumber, scannedAmountCents: null, source: 'qr' });

async function ecommerceSim(t: { after(fn: () => unknown): void }) {
  const sim = await startSimulator({ port: 0, extraPsps: [{ ...ECOMMERCE, ecommerce: true }] });
  t.after(() => sim.close());
  return sim;
}

test('NMU_MBD_pspNoEcommerce_KO: at a counter the node refuses the stamp notice (PPT_SEMANTICA "Pagamento non attivabile"): told "not payable here", nothing held or collected', async (t) => {
  const h = await startHarness(t);
  const s = h.engine.startSession('counter');
  await h.engine.addNotice(s.id, ref(N.bollo));
  const state = await h.engine.activate(s.id);
  assert.equal(state.status, 'activation-refused');
  const n = state.notices[0]!;
  assert.equal(n.phase, 'activation-refused');
  assert.equal(n.lastError?.code, 'STAMP_NOT_SOLD_HERE');
  assert.equal(n.lastError?.faultCode, 'PPT_SEMANTICA');
  assert.equal(n.lastError?.messageKey, 'engine:stampNotSoldHere');
  await assert.rejects(h.engine.tender(s.id, 'cash'), { code: 'EVENT_NOT_ALLOWED' }, 'no money can be taken');
  assert.equal(h.db.outbox.pending().depth, 0);
});

test('NMU_MBD_pspNoEcommerce_KO (terminal side): a channel the node lets sell stamps, at a terminal not set to sell them, closes the token with a KO before any money', async (t) => {
  const sim = await ecommerceSim(t);
  const h = await startHarness(t, { sim, creds: ECOMMERCE }); // sellsStamps not set: a counter
  const s = h.engine.startSession('counter');
  await h.engine.addNotice(s.id, ref(N.bollo));
  const state = await h.engine.activate(s.id);
  assert.equal(state.notices[0]!.lastError?.messageKey, 'engine:stampNotSoldHere');
  assert.equal(state.notices[0]!.phase, 'ko-queued');
  await settle(h);
  const after = h.engine.get(s.id);
  assert.equal(after.status, 'cancelled');
  assert.equal(after.notices[0]!.phase, 'ko-delivered');
  assert.equal(after.tender, null, 'nothing collected');
  assert.equal(sim.position(CF, N.bollo)?.state, 'payable', 'the KO freed the notice');
});

test('sendPaymentOutcomeV2_MBD: a terminal that sells stamps sends the stamp document for the stamp transfer in its OK, and the node takes it', async (t) => {
  const sim = await ecommerceSim(t);
  const h = await startHarness(t, { sim, creds: ECOMMERCE, settings: { sellsStamps: true } });
  const s = h.engine.startSession('counter');
  await h.engine.addNotice(s.id, ref(N.bollo));
  const act = await h.engine.activate(s.id);
  assert.equal(act.status, 'activated');
  const a = act.notices[0]!.activation!;
  const stamp = a.transfers!.find((x) => x.richiestaMarcaDaBollo)!;
  assert.ok(stamp, 'the activation kept its transfer list');
  // persisted in the notice's transfers column, read back by every load
  const row = h.db.notices.findByPosition(s.id, 1)!;
  assert.deepEqual(
    (row.activation!.transfers as unknown as { list: TransferV2[] }).list.map((x) => x.idTransfer),
    a.transfers!.map((x) => x.idTransfer),
  );
  await h.engine.tender(s.id, 'card');
  const message = h.db.outbox.findByPaymentToken(a.paymentToken).find((m) => m.outcome === 'OK')!;
  await settle(h);
  assert.equal(h.engine.get(s.id).status, 'completed');
  assert.equal(sim.position(CF, N.bollo)?.state, 'paid');
  assert.equal(h.sim.log().filter((e) => e.operation === 'sendPaymentOutcomeV2').length, 1, 'taken at the first attempt');
  const sent = message.details as unknown as { marcheDaBollo: Array<{ paymentToken: string; idTransfer: number; MBDAttachment: string }> };
  assert.equal(sent.marcheDaBollo.length, 1);
  assert.equal(sent.marcheDaBollo[0]!.idTransfer, stamp.idTransfer);
  assert.equal(sent.marcheDaBollo[0]!.paymentToken, a.paymentToken);
  const doc = Buffer.from(sent.marcheDaBollo[0]!.MBDAttachment, 'base64').toString('utf8');
  assert.ok(doc.includes(`<hashDocumento>${stamp.richiestaMarcaDaBollo!.hashDocumento}</hashDocumento>`));
});
