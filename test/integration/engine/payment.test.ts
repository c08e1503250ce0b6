import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, startHarness } from '../../support/engine-harness';
import type { NoticeRef } from '../../../main/engine';

const FC = '77777777777';
const TARI = '301020250000000129';
const CANTEEN = '301020250000000230';
const PERMIT = '301020250000000331';
const PAID = '301020250000000735';
const CHANGED = '301020250000001240';

const ref = (noticeNumber: string, scanned: number | null = null, fiscalCode = FC): NoticeRef => ({
  fiscalCode,
  noticeNumber,
  scannedAmountCents: scanned,
  source: 'qr',
});

describe('payment engine against the simulator over HTTP', () => {
  test('one notice: verify, activate, cash, one accepted OK outcome, position paid, journal intact', async (t) => {
    const h = await startHarness(t);
    const s = h.engine.startSession('counter');
    let state = await h.engine.addNotice(s.id, ref(TARI));
    assert.equal(state.notices[0]?.phase, 'verified');
    state = await h.engine.activate(s.id);
    assert.equal(state.status, 'activated');
    const token = state.notices[0]!.activation!.paymentToken;
    assert.match(token, /^[0-9a-f]{32}$/);
    const due = h.engine.quote(s.id, 'cash', 100_000);
    state = await h.engine.tender(s.id, 'cash', 100_000);
    assert.equal(state.status, 'outcome-pending');
    assert.equal(h.db.outbox.pending().depth, 1, 'the OK is queued in the tender transaction');
    await settle(h);
    state = h.engine.get(s.id);
    assert.equal(state.status, 'completed');
    assert.equal(h.sim.position(FC, TARI)?.status, 'paid');
    const outcomes = h.sim.log().filter((e) => e.operation === 'sendPaymentOutcomeV2');
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0]?.outcome, 'OK');
    assert.equal(due.feeCents, 150);
    assert.equal(due.changeCents, 100_000 - due.dueCents);
    assert.deepEqual(h.db.journal.verify(), { ok: true, count: h.db.journal.list(0, 1000).length });
  });

  test('a cart of three notices gets three tokens and three separate outcomes', async (t) => {
    const h = await startHarness(t);
    const s = h.engine.startSession('counter');
    for (const n of [TARI, CANTEEN, PERMIT]) await h.engine.addNotice(s.id, ref(n));
    const act = await h.engine.activate(s.id);
    assert.equal(new Set(act.notices.map((n) => n.activation?.paymentToken)).size, 3);
    await h.engine.tender(s.id, 'card');
    await settle(h);
    assert.equal(h.engine.get(s.id).status, 'completed');
    const outcomes = h.sim.log().filter((e) => e.operation === 'sendPaymentOutcomeV2');
    assert.equal(outcomes.length, 3);
    for (const n of [TARI, CANTEEN, PERMIT]) assert.equal(h.sim.position(FC, n)?.status, 'paid');
  });

  test('a lost response is resent with the same key; a PPT_SYSTEM_ERROR with a new one', async (t) => {
    const h = await startHarness(t);
    h.sim.injectFaults([{ kind: 'drop-response', primitive: 'sendPaymentOutcomeV2', count: 1 }]);
    const s = h.engine.startSession('counter');
    await h.engine.addNotice(s.id, ref(TARI));
    await h.engine.activate(s.id);
    await h.engine.tender(s.id, 'cash', null);
    await settle(h);
    const keys = h.db.outbox.list()[0] && h.db.outbox.attempts(h.db.outbox.list()[0]!.id).map((a) => a.idempotencyKey);
    assert.equal(keys?.length, 2);
    assert.equal(keys?.[0], keys?.[1], 'same key after no answer');
    assert.equal(h.engine.get(s.id).status, 'completed');

    h.sim.injectFaults([{ kind: 'system-error', primitive: 'sendPaymentOutcomeV2', count: 1 }]);
    const s2 = h.engine.startSession('counter');
    await h.engine.addNotice(s2.id, ref(CANTEEN));
    await h.engine.activate(s2.id);
    await h.engine.tender(s2.id, 'cash', null);
    await settle(h);
    const msg = h.db.outbox.list({ sessionId: s2.id })[0]!;
    const k2 = h.db.outbox.attempts(msg.id).map((a) => a.idempotencyKey);
    assert.equal(k2.length, 2);
    assert.notEqual(k2[0], k2[1], 'new key after an answered transient fault');
    assert.equal(h.engine.get(s2.id).status, 'completed');
  });

  test('an already-paid notice is refused at verify with the node fault for the operator', async (t) => {
    const h = await startHarness(t);
    const s = h.engine.startSession('counter');
    const state = await h.engine.addNotice(s.id, ref(PAID));
    assert.equal(state.notices[0]?.phase, 'verify-failed');
    assert.equal(state.notices[0]?.lastError?.faultCode, 'PPT_PAGAMENTO_DUPLICATO');
    assert.match(state.notices[0]?.lastError?.messageKey ?? '', /PPT_PAGAMENTO_DUPLICATO/);
  });

  test('the verified amount wins over the printed one', async (t) => {
    const h = await startHarness(t);
    const s = h.engine.startSession('counter');
    const state = await h.engine.addNotice(s.id, ref(CHANGED, 10_000));
    assert.equal(state.notices[0]?.amountChanged, true);
    assert.equal(state.notices[0]?.verification?.amountCents, 11_250);
  });

  test('cancel after activation sends a KO and the notice is payable again', async (t) => {
    const h = await startHarness(t);
    const s = h.engine.startSession('counter');
    await h.engine.addNotice(s.id, ref(TARI));
    await h.engine.activate(s.id);
    await h.engine.cancel(s.id);
    await settle(h);
    assert.equal(h.engine.get(s.id).status, 'cancelled');
    const out = h.sim.log().filter((e) => e.operation === 'sendPaymentOutcomeV2');
    assert.deepEqual(
      out.map((e) => e.outcome),
      ['OK'],
      'the node answered the KO outcome with OK',
    );
    assert.equal(out[0]?.request && (out[0].request as { outcome?: string }).outcome, 'KO');
    const again = h.engine.startSession('counter');
    assert.equal((await h.engine.addNotice(again.id, ref(TARI))).notices[0]?.phase, 'verified');
  });

  test('an outcome delivered after the token expired is taken late: paid, and journaled as a breach', async (t) => {
    const h = await startHarness(t);
    const s = h.engine.startSession('counter');
    await h.engine.addNotice(s.id, ref(TARI));
    await h.engine.activate(s.id);
    h.sim.advanceClock(31 * 60 * 1000);
    await h.engine.tender(s.id, 'cash', null);
    await settle(h);
    const state = h.engine.get(s.id);
    assert.equal(state.status, 'completed');
    assert.equal(state.notices[0]?.phase, 'accepted-late');
    assert.equal(h.sim.position(FC, TARI)?.status, 'paid');
    assert.ok(h.db.journal.bySession(s.id).some((e) => e.kind === 'late-outcome'));
  });

  test('late outcomes are counted per shift for the X/Z reports', async (t) => {
    const h = await startHarness(t);
    const shift = h.db.shifts.open({ terminalId: 'T01', operatorId: 'op1', floatCents: 0 });
    const s = h.engine.startSession('counter', 'op1', shift.id);
    await h.engine.addNotice(s.id, ref(TARI));
    await h.engine.activate(s.id);
    h.sim.advanceClock(31 * 60 * 1000);
    await h.engine.tender(s.id, 'cash', null);
    await settle(h);
    assert.equal(h.db.notices.countInShift(shift.id, 'accepted-late'), 1);
    assert.equal(h.db.notices.countInShift(shift.id, 'accepted'), 0);
  });

  test('an outage shorter than the token: the outcome stays queued and is delivered when the node is back', async (t) => {
    const h = await startHarness(t, { timeoutMs: 300 });
    const s = h.engine.startSession('counter');
    await h.engine.addNotice(s.id, ref(TARI));
    await h.engine.activate(s.id);
    h.sim.injectFaults([{ kind: 'outage', count: 3 }]);
    await h.engine.tender(s.id, 'cash', null);
    await settle(h);
    assert.equal(h.engine.get(s.id).status, 'completed');
    const msg = h.db.outbox.list({ sessionId: s.id })[0]!;
    const attempts = h.db.outbox.attempts(msg.id);
    assert.equal(attempts.length, 4);
    assert.equal(new Set(attempts.map((a) => a.idempotencyKey)).size, 1, 'no answer: the key is kept');
    assert.equal(h.sim.position(FC, TARI)?.status, 'paid');
  });

  test('a restart with an attempt cut mid-flight resends it with the same key; an activated session is put to the operator', async (t) => {
    const h = await startHarness(t);
    const paid = h.engine.startSession('counter');
    await h.engine.addNotice(paid.id, ref(TARI));
    await h.engine.activate(paid.id);
    await h.engine.tender(paid.id, 'cash', null);
    // Simulate a crash between "attempt persisted" and "answer persisted": start the attempt, never finish.
    const msg = h.db.outbox.list({ sessionId: paid.id })[0]!;
    h.db.outbox.markInFlight(msg.id);
    h.db.outbox.recordAttemptStart(msg.id, 'SPRTLLO_cut0000001');
    const walked = h.engine.startSession('counter');
    await h.engine.addNotice(walked.id, ref(CANTEEN));
    await h.engine.activate(walked.id);

    const h2 = await h.restart();
    const r = await h2.engine.recover();
    assert.deepEqual(r, { requeued: 1, reactivated: 0, abandoned: 1 });
    assert.equal(h2.engine.get(walked.id).status, 'needs-decision');
    await settle(h2);
    const keys = h2.db.outbox.attempts(msg.id).map((a) => a.idempotencyKey);
    assert.deepEqual(keys, ['SPRTLLO_cut0000001', 'SPRTLLO_cut0000001']);
    assert.equal(h2.engine.get(paid.id).status, 'completed');
    // The operator closes the abandoned session: its token gets a KO.
    await h2.engine.cancel(walked.id);
    await settle(h2);
    assert.equal(h2.engine.get(walked.id).status, 'cancelled');
  });
});

describe('a node that keeps answering transient faults', () => {
  test('the outcome stalls after five attempts and is then only probed, never resent in a loop', async (t) => {
    const h = await startHarness(t);
    const s = h.engine.startSession('counter');
    await h.engine.addNotice(s.id, ref(TARI));
    await h.engine.activate(s.id);
    h.sim.injectFaults([{ kind: 'system-error', primitive: 'sendPaymentOutcomeV2' }]);
    await h.engine.tender(s.id, 'cash', null);
    const started = Date.now();
    h.outbox.start();
    const msg = h.db.outbox.list({ sessionId: s.id })[0]!;
    // Wait (bounded) until the five scheduled attempts are spent and the message is parked.
    while (h.db.outbox.attempts(msg.id).length < 5 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 1_000));
    const elapsed = Date.now() - started;
    const attempts = h.db.outbox.attempts(msg.id).length;
    // Probes come at most once per probe interval (250 ms with the harness's 20 ms slot).
    assert.ok(attempts <= 5 + Math.ceil(elapsed / 250) + 1, `${attempts} attempts in ${elapsed} ms`);
    h.sim.clearFaults();
    await settle(h);
    assert.equal(h.engine.get(s.id).status, 'completed');
  });
});

describe('an unattended kiosk', () => {
  test('a session left activated past the idle limit is abandoned and its token closed with a KO', async (t) => {
    const h = await startHarness(t, { kind: 'kiosk' });
    const s = h.engine.startSession('kiosk');
    await h.engine.addNotice(s.id, ref(TARI));
    await h.engine.activate(s.id);
    assert.equal(await h.engine.abandonIdle(60_000), 0, 'not idle long enough yet');
    assert.equal(await h.engine.abandonIdle(0), 1);
    await settle(h);
    assert.equal(h.engine.get(s.id).status, 'cancelled');
    const outcomes = h.sim.log().filter((e) => e.operation === 'sendPaymentOutcomeV2');
    assert.equal((outcomes[0]?.request as { outcome?: string } | undefined)?.outcome, 'KO');
  });
});

describe('a Poste terminal verifies a postal notice by its account', () => {
  const POSTAL = '301020250000001038';
  const CCP = '001234567890';

  test('verificaBollettino, not verifyPaymentNotice; the answer fills the notice as a QR verify would', async (t) => {
    const h = await startHarness(t, { settings: { isPoste: true } });
    const s = h.engine.startSession('counter');
    const state = await h.engine.addNotice(s.id, { ...ref(POSTAL), postalAccount: CCP, source: 'poste-datamatrix' });
    const notice = state.notices[0]!;
    assert.equal(notice.phase, 'verified');
    const position = h.sim.position(FC, POSTAL)!;
    assert.equal(notice.verification?.amountCents, position.amountCents);
    assert.ok(notice.verification?.companyName, 'the creditor named in the answer');
    assert.deepEqual(
      h.sim.log().map((e) => [e.operation, e.request?.ccPost]),
      [['verificaBollettino', CCP]],
    );
  });

  test('without a postal account (a QR) the same terminal verifies by fiscal code', async (t) => {
    const h = await startHarness(t, { settings: { isPoste: true } });
    const s = h.engine.startSession('counter');
    await h.engine.addNotice(s.id, ref(POSTAL));
    assert.deepEqual(
      h.sim.log().map((e) => e.operation),
      ['verifyPaymentNotice'],
    );
  });
});
