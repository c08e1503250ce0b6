// Issue 10 §2: the node's suggested bundle as the fee, the channel facts each terminal sends, and the
// activation's Stand-In flag. The simulator does not model bundles (suggestedUserFee...) nor a Stand-In
// activation after a normal verify: those tests add the fields to the simulator's real answer, as the
// node would send them, before the engine reads it; every outcome still goes to the simulator over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, startHarness, type Harness } from '../../support/engine-harness';
import type { NoticeRef } from '../../../main/engine';
import type { NodeExchange } from '../../../main/node';
import { activated } from '../../conformance/support';

const FC = '77777777777';
const TARI = '301020250000000129';
const CANTEEN = '301020250000000230';
const ref = (noticeNumber: string): NoticeRef => ({ fiscalCode: FC, noticeNumber, scannedAmountCents: null, source: 'qr' });

type Extra = Partial<Awaited<ReturnType<Harness['node']['activatePaymentNoticeV2']>>>;

/** The node's answer to each activation, with the fields the simulator does not model added (by notice number). */
function answerWith(h: Harness, extra: Record<string, Extra>): void {
  const real = h.node.activatePaymentNoticeV2.bind(h.node);
  h.node.activatePaymentNoticeV2 = async (r) => ({ ...(await real(r)), ...extra[r.qrCode.noticeNumber] });
}

type SentDetails = {
  fee: number;
  primaryCiIncurredFee?: number;
  idBundle?: string;
  idCiBundle?: string;
  paymentMethod: string;
  paymentChannel: string;
};
const okDetails = (h: Harness, token: string) =>
  h.db.outbox.findByPaymentToken(token).find((m) => m.outcome === 'OK')!.details as unknown as SentDetails;

test("the node's suggested fee is charged instead of the local rule, the quote shows both, and each OK carries its own bundle", async (t) => {
  const h = await startHarness(t, { fees: { kind: 'flat', cents: 150 } });
  answerWith(h, {
    [TARI]: { suggestedUserFee: 95, suggestedPaFee: 20, suggestedIdBundle: 'BUNDLE-A', suggestedIdCiBundle: 'CI-A' },
    [CANTEEN]: { suggestedUserFee: 70, suggestedIdBundle: 'BUNDLE-B' },
  });
  const s = h.engine.startSession('counter');
  for (const n of [TARI, CANTEEN]) await h.engine.addNotice(s.id, ref(n));
  const act = await h.engine.activate(s.id);
  const q = h.engine.quote(s.id, 'cash', 100_000);
  assert.deepEqual({ fee: q.feeCents, source: q.feeSource, local: q.localFeeCents }, { fee: 165, source: 'node', local: 150 });
  assert.equal(q.dueCents, q.noticesCents + 165);
  await h.engine.tender(s.id, 'cash', 100_000);
  const [a, b] = act.notices.map((n) => okDetails(h, n.activation!.paymentToken));
  assert.deepEqual(
    { fee: a!.fee, pa: a!.primaryCiIncurredFee, bundle: a!.idBundle, ci: a!.idCiBundle },
    { fee: 95, pa: 20, bundle: 'BUNDLE-A', ci: 'CI-A' },
  );
  assert.deepEqual(
    { fee: b!.fee, pa: b!.primaryCiIncurredFee, bundle: b!.idBundle, ci: b!.idCiBundle },
    { fee: 70, pa: undefined, bundle: 'BUNDLE-B', ci: undefined },
  );
  assert.equal(a!.fee + b!.fee, h.engine.get(s.id).tender!.feeCents, 'the fees reported add up to what was collected');
  await settle(h);
  assert.equal(h.engine.get(s.id).status, 'completed', 'the node takes the OKs with their bundles');
});

test('a cart where one notice has no suggestion is charged by the local rule as a whole, split evenly', async (t) => {
  const h = await startHarness(t, { fees: { kind: 'flat', cents: 151 } });
  answerWith(h, { [TARI]: { suggestedUserFee: 95, suggestedIdBundle: 'BUNDLE-A' } });
  const s = h.engine.startSession('counter');
  for (const n of [TARI, CANTEEN]) await h.engine.addNotice(s.id, ref(n));
  const act = await h.engine.activate(s.id);
  const q = h.engine.quote(s.id, 'card');
  assert.equal(q.feeCents, 151);
  assert.equal(q.feeSource, undefined);
  await h.engine.tender(s.id, 'card');
  const fees = act.notices.map((n) => okDetails(h, n.activation!.paymentToken));
  assert.deepEqual(
    fees.map((d) => d.fee),
    [76, 75],
  );
  assert.equal(fees[0]!.idBundle, 'BUNDLE-A', 'the bundle the node suggested is still named');
});

test('channel facts: a kiosk activates with touchPoint ATM and reports paymentChannel atm; a debit card is bancomat', async (t) => {
  const sent: NodeExchange[] = [];
  const h = await startHarness(t, { kind: 'kiosk', onExchange: (e) => sent.push(e) });
  const s = h.engine.startSession('kiosk');
  await h.engine.addNotice(s.id, ref(TARI));
  const act = await h.engine.activate(s.id);
  await h.engine.tender(s.id, 'card', null, 'bancomat');
  const d = okDetails(h, act.notices[0]!.activation!.paymentToken);
  assert.deepEqual({ method: d.paymentMethod, channel: d.paymentChannel }, { method: 'bancomat', channel: 'atm' });
  assert.match(sent.find((e) => e.primitive === 'activatePaymentNoticeV2')!.request, /<touchPoint>ATM<\/touchPoint>/);
  await settle(h);
  assert.equal(h.engine.get(s.id).status, 'completed');
});

test("channel facts: a counter sends PSP / frontOffice / creditCard by default, and what the technician configured when the PSP's registration says otherwise", async (t) => {
  const sent: NodeExchange[] = [];
  const h = await startHarness(t, { onExchange: (e) => sent.push(e) });
  const s = h.engine.startSession('counter');
  await h.engine.addNotice(s.id, ref(TARI));
  const act = await h.engine.activate(s.id);
  await h.engine.tender(s.id, 'card');
  const d = okDetails(h, act.notices[0]!.activation!.paymentToken);
  assert.deepEqual({ method: d.paymentMethod, channel: d.paymentChannel }, { method: 'creditCard', channel: 'frontOffice' });
  assert.match(sent.find((e) => e.primitive === 'activatePaymentNoticeV2')!.request, /<touchPoint>PSP<\/touchPoint>/);

  const sent2: NodeExchange[] = [];
  const h2 = await startHarness(t, { onExchange: (e) => sent2.push(e), settings: { touchPoint: 'TS', paymentChannel: 'other' } });
  const s2 = h2.engine.startSession('counter');
  await h2.engine.addNotice(s2.id, ref(CANTEEN));
  const act2 = await h2.engine.activate(s2.id);
  await h2.engine.tender(s2.id, 'cash', null);
  assert.equal(okDetails(h2, act2.notices[0]!.activation!.paymentToken).paymentChannel, 'other');
  assert.match(sent2.find((e) => e.primitive === 'activatePaymentNoticeV2')!.request, /<touchPoint>TS<\/touchPoint>/);
});

test('Stand-In: an activation answered under Stand-In (verify was not) makes a refund case report code 8, kept across a reload', async (t) => {
  const h = await startHarness(t, { tokenDurationMs: 60_000 });
  answerWith(h, { [TARI]: { standin: true } });
  const s = h.engine.startSession('counter');
  await h.engine.addNotice(s.id, ref(TARI));
  const act = await h.engine.activate(s.id);
  assert.equal(act.notices[0]!.verification!.standin, false);
  await h.engine.tender(s.id, 'cash', null);
  // Our token lapses and another payer holds the notice: the late OK is refused (PPT_PAGAMENTO_DUPLICATO).
  h.sim.advanceClock(61_000);
  h.sim.runCancelJob();
  await activated(h.sim, 'single');
  await settle(h);
  const after = h.engine.get(s.id);
  assert.equal(after.status, 'refund-required');
  assert.equal(after.notices[0]!.activation!.standin, true, 'read back from the database');
  assert.equal(after.notices[0]!.creditorReportCode, 8);
});
