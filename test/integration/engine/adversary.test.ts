// The engine against a node that answers what it should not (issue 9 §1, §2, §5, §6), in one process
// over real HTTP to the simulator, with its injected hostile answers. Each test failed on the engine
// before the money-safety work: it collected amounts nobody verified, left tokens open after a
// transient or lost answer, raced a slow activation, gave configuration refusals to a person and
// resent permanent faults.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventRefused } from '../../../main/engine';
import { startSimulator } from '../../../sim/simulator';
import { settle, startHarness } from '../../support/engine-harness';
import type { Harness } from '../../support/engine-harness';

const FC = '77777777777';
const ACTIVATE = 'activatePaymentNoticeV2';
const OUTCOME = 'sendPaymentOutcomeV2';

function freshNotice(h: Harness, amountCents = 3_793): string {
  return h.sim.addPosition({
    fiscalCode: FC,
    companyName: 'Comune di prova',
    paymentDescription: 'TARI',
    transfers: [{ amountCents, iban: 'IT60X0542811101000000123456', remittanceInformation: 'TARI' }],
  }).noticeNumber;
}

async function activated(h: Harness, noticeNumber: string, scannedAmountCents: number | null = null): Promise<string> {
  const s = h.engine.startSession('counter');
  await h.engine.addNotice(s.id, { fiscalCode: FC, noticeNumber, scannedAmountCents, source: 'qr' });
  await h.engine.activate(s.id);
  return s.id;
}

const nodeSessions = (h: Harness, notice: string) => h.sim.position(FC, notice)?.sessions ?? [];
// An entry names its operation once handled; a request still held (or refused first) only by its SOAPAction.
const requests = (h: Harness, op: string) => h.sim.log().filter((e) => (e.operation ?? e.soapAction?.replace(/"/g, '')) === op);

async function until(what: string, ok: () => boolean, limitMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > limitMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('activation answers are checked before money moves (§1)', () => {
  test('1037.93 answered for a notice verified at 37.93: nothing collected, the token gets its KO, the operator sees both amounts', async (t) => {
    const h = await startHarness(t);
    const notice = freshNotice(h, 3_793);
    h.sim.injectFaults([{ kind: 'wrong-amount', primitive: ACTIVATE, amountDeltaCents: 100_000, count: 1 }]);
    const sessionId = await activated(h, notice, 3_793);
    const n = h.engine.get(sessionId).notices[0]!;
    assert.equal(n.phase, 'ko-queued');
    assert.equal(n.lastError?.code, 'ACTIVATION_AMOUNT_MISMATCH');
    assert.deepEqual(n.lastError?.amounts, { shownCents: 3_793, activatedCents: 103_793 });
    await assert.rejects(h.engine.tender(sessionId, 'cash', 200_000), EventRefused);
    await settle(h);
    assert.equal(h.engine.get(sessionId).status, 'cancelled');
    assert.deepEqual(
      nodeSessions(h, notice).map((s) => s.status),
      ['closed-ko'],
    );
    assert.equal(h.db.tenders.listBySession(sessionId).length, 0);
  });

  test('0.01 answered for 71.54 is refused the same way', async (t) => {
    const h = await startHarness(t);
    const notice = freshNotice(h, 7_154);
    h.sim.injectFaults([{ kind: 'wrong-amount', primitive: ACTIVATE, amountCents: 1, count: 1 }]);
    const sessionId = await activated(h, notice, 7_154);
    assert.deepEqual(h.engine.get(sessionId).notices[0]?.lastError?.amounts, { shownCents: 7_154, activatedCents: 1 });
    await settle(h);
    assert.deepEqual(
      nodeSessions(h, notice).map((s) => s.status),
      ['closed-ko'],
    );
  });

  test('a 5,000-character token is no basis for money: the key is asked again, the real token found and closed', async (t) => {
    const h = await startHarness(t, { horizonMs: 0 });
    const notice = freshNotice(h);
    h.sim.injectFaults([{ kind: 'bad-token', primitive: ACTIVATE, token: 'long', count: 1 }]);
    const sessionId = await activated(h, notice);
    assert.equal(h.engine.get(sessionId).notices[0]?.phase, 'activation-unknown');
    assert.equal(await h.engine.resolveUnknownActivations(), 1);
    await settle(h);
    assert.deepEqual(
      nodeSessions(h, notice).map((s) => s.status),
      ['closed-ko'],
    );
    assert.equal(h.engine.get(sessionId).status, 'cancelled');
  });

  test('a token this terminal already holds, repeated in an answer, neither breaks the session nor recovery after a restart', async (t) => {
    const h = await startHarness(t, { horizonMs: 0 });
    const first = freshNotice(h);
    const s1 = await activated(h, first);
    const second = freshNotice(h);
    h.sim.injectFaults([{ kind: 'repeat-token', primitive: ACTIVATE, count: 1 }]);
    const s2 = await activated(h, second);
    assert.equal(h.engine.get(s1).status, 'activated');
    assert.equal(h.engine.get(s2).notices[0]?.lastError?.code, 'ACTIVATION_TOKEN_REPEATED');
    const h2 = await h.restart();
    await h2.engine.recover(); // once failed on every start: UNIQUE constraint failed: session_notice.payment_token
    await h2.engine.resolveUnknownActivations();
    await settle(h2);
    assert.deepEqual(
      nodeSessions(h2, second).map((s) => s.status),
      ['closed-ko'],
      'the real token of the second notice is closed',
    );
  });

  test('a cart whose two activation answers name one token (chaos seed 202, trial 212): neither is paid, both real tokens are found and closed', async (t) => {
    const h = await startHarness(t, { horizonMs: 0 });
    const a = freshNotice(h, 30_882);
    const b = freshNotice(h, 183_756);
    // The second answer the node gives repeats the first one's token: whichever arrives first must not win.
    h.sim.injectFaults([{ kind: 'repeat-token', primitive: ACTIVATE, count: 1 }]);
    const s = h.engine.startSession('counter');
    await h.engine.addNotice(s.id, { fiscalCode: FC, noticeNumber: a, scannedAmountCents: null, source: 'qr' });
    await h.engine.addNotice(s.id, { fiscalCode: FC, noticeNumber: b, scannedAmountCents: null, source: 'qr' });
    await h.engine.activate(s.id);
    assert.deepEqual(
      h.engine.get(s.id).notices.map((n) => n.phase),
      ['activation-unknown', 'activation-unknown'],
    );
    assert.equal(h.engine.get(s.id).status, 'activation-refused', 'nothing to pay');
    assert.equal(await h.engine.resolveUnknownActivations(), 2);
    await settle(h);
    assert.deepEqual(
      [...nodeSessions(h, a), ...nodeSessions(h, b)].map((x) => x.status),
      ['closed-ko', 'closed-ko'],
    );
    assert.equal(h.engine.get(s.id).status, 'cancelled');
  });

  test('KO after the node created a token (PPT_SYSTEM_ERROR) is not a refusal: the token is found with the key and closed', async (t) => {
    const h = await startHarness(t, { horizonMs: 0 });
    const notice = freshNotice(h);
    h.sim.injectFaults([{ kind: 'fault-after-handling', primitive: ACTIVATE, faultCode: 'PPT_SYSTEM_ERROR', count: 1 }]);
    const sessionId = await activated(h, notice);
    assert.equal(h.engine.get(sessionId).notices[0]?.phase, 'activation-unknown');
    assert.equal(nodeSessions(h, notice)[0]?.status, 'open', 'the node did open a session');
    await h.engine.resolveUnknownActivations();
    await settle(h);
    assert.deepEqual(
      nodeSessions(h, notice).map((s) => s.status),
      ['closed-ko'],
    );
  });
});

describe('unanswered activations are resolved, never raced, never given up (§2)', () => {
  test('no re-ask while the first request may still be at the node: one token, found and closed', async (t) => {
    const h = await startHarness(t, { timeoutMs: 400, horizonMs: 2_500 });
    const notice = freshNotice(h);
    // The node holds the request past the client's timeout, then processes it.
    h.sim.injectFaults([{ kind: 'latency', primitive: ACTIVATE, latencyMs: 1_500, count: 1 }]);
    const sessionId = await activated(h, notice);
    assert.equal(h.engine.get(sessionId).notices[0]?.phase, 'activation-unknown');
    assert.equal(await h.engine.resolveUnknownActivations(), 0, 'too early: the first request may still be processed');
    assert.equal(requests(h, ACTIVATE).length, 1);
    await sleep(2_600);
    assert.equal(await h.engine.resolveUnknownActivations(), 1);
    await settle(h);
    const sessions = nodeSessions(h, notice);
    assert.equal(sessions.length, 1, 'the node issued one token only');
    assert.equal(sessions[0]?.status, 'closed-ko');
  });

  test('a transient fault on the re-ask keeps the activation unknown, and the next sweep asks again (once stuck on NODE_FAULT)', async (t) => {
    const h = await startHarness(t, { horizonMs: 0 });
    const notice = freshNotice(h);
    h.sim.injectFaults([{ kind: 'drop-response', primitive: ACTIVATE, count: 1 }]);
    const sessionId = await activated(h, notice);
    h.sim.injectFaults([{ kind: 'system-error', primitive: ACTIVATE, count: 1 }]);
    assert.equal(await h.engine.resolveUnknownActivations(), 0);
    const n = h.engine.get(sessionId).notices[0]!;
    assert.equal(n.phase, 'activation-unknown');
    assert.equal(n.lastError?.faultCode, 'PPT_SYSTEM_ERROR');
    assert.equal(await h.engine.resolveUnknownActivations(), 1);
    await settle(h);
    assert.deepEqual(
      nodeSessions(h, notice).map((s) => s.status),
      ['closed-ko'],
    );
  });

  test('IDMP_ACT_19: after the token lapsed its key gets PPT_PAGAMENTO_IN_CORSO; asking goes on, and once the cancel job ran the new token is closed', async (t) => {
    // The node's cancel job runs every two hours here: the lapsed token still holds the notice.
    const sim = await startSimulator({ port: 0, cancelJobMs: 2 * 60 * 60_000 });
    t.after(() => sim.close());
    const h = await startHarness(t, { horizonMs: 0, sim });
    const notice = freshNotice(h);
    h.sim.injectFaults([{ kind: 'drop-response', primitive: ACTIVATE, count: 1 }]);
    const sessionId = await activated(h, notice);
    h.sim.advanceClock(31 * 60_000);
    assert.equal(await h.engine.resolveUnknownActivations(), 0);
    assert.equal(requests(h, ACTIVATE).at(-1)?.faultCode, 'PPT_PAGAMENTO_IN_CORSO');
    assert.equal(h.engine.get(sessionId).notices[0]?.phase, 'activation-unknown', 'in progress settles nothing');
    h.sim.runCancelJob();
    assert.equal(await h.engine.resolveUnknownActivations(), 0, 'the key now replays its in-progress answer');
    assert.equal(requests(h, ACTIVATE).at(-1)?.replayed, true);
    // Once that answer's key has lapsed too, asking again opens a token, which is closed at once.
    h.sim.advanceClock(31 * 60_000);
    assert.equal(await h.engine.resolveUnknownActivations(), 1);
    await settle(h);
    const statuses = nodeSessions(h, notice).map((s) => s.status);
    assert.deepEqual(statuses, ['expired', 'closed-ko'], 'the first lapsed at the node, the one the re-ask opened got its KO');
  });

  test('a definitive refusal on the re-ask settles the notice without a token', async (t) => {
    const h = await startHarness(t, { horizonMs: 0 });
    const notice = freshNotice(h);
    // The request never reached the node's processing (a 503 from the gateway): its key is unknown there.
    h.sim.injectFaults([{ kind: 'http503', primitive: ACTIVATE, count: 1 }]);
    const first = await activated(h, notice);
    assert.equal(h.engine.get(first).notices[0]?.phase, 'activation-unknown');
    // Meanwhile the notice is paid in another session.
    const other = await activated(h, notice);
    await h.engine.tender(other, 'cash', 10_000);
    await settle(h);
    assert.equal(h.sim.position(FC, notice)?.state, 'paid');
    assert.equal(await h.engine.resolveUnknownActivations(), 1);
    const n = h.engine.get(first).notices[0]!;
    assert.equal(n.phase, 'activation-refused');
    assert.equal(n.lastError?.faultCode, 'PPT_PAGAMENTO_DUPLICATO');
    assert.equal(nodeSessions(h, notice).length, 1, 'no token opened for the first session');
  });
});

describe('outcomes the node answered: parked, not decided; resent only when transient (§5, §6)', () => {
  async function paid(h: Harness): Promise<{ sessionId: string; notice: string }> {
    const notice = freshNotice(h);
    const sessionId = await activated(h, notice);
    await h.engine.tender(sessionId, 'cash', 10_000);
    return { sessionId, notice };
  }

  for (const faultCode of ['PPT_AUTORIZZAZIONE', 'PPT_CANALE_SCONOSCIUTO', 'PPT_TOKEN_SCONOSCIUTO'] as const) {
    test(`${faultCode} on an OK parks it (no decision offered); once the configuration changes it goes through and counts`, async (t) => {
      const h = await startHarness(t);
      h.sim.injectFaults([{ kind: 'node-fault', primitive: OUTCOME, faultCode, count: 1 }]);
      const { sessionId, notice } = await paid(h);
      h.outbox.start();
      await until('the outcome parked', () => h.db.outbox.list({ sessionId })[0]?.state === 'parked');
      assert.equal(h.engine.get(sessionId).status, 'outcome-pending', 'not needs-decision: nobody may refund it');
      assert.equal(requests(h, OUTCOME).length, 1, 'not resent while the configuration is unchanged');
      assert.equal(h.outbox.configurationChanged(), 1);
      await settle(h);
      assert.equal(h.engine.get(sessionId).status, 'completed');
      assert.equal(h.sim.position(FC, notice)?.state, 'paid');
    });
  }

  test('a permanent fault is sent once, never resent with a new key; a decision is final, a reset before it counts', async (t) => {
    const h = await startHarness(t);
    h.sim.injectFaults([{ kind: 'node-fault', primitive: OUTCOME, faultCode: 'PPT_SEMANTICA', count: 2 }]);
    const a = await paid(h);
    h.outbox.start();
    await until('a person is asked', () => h.engine.get(a.sessionId).status === 'needs-decision');
    await sleep(200);
    assert.equal(requests(h, OUTCOME).length, 1, 'not resent after a permanent answer');
    // Decided as refund: the message is final, a reset cannot revive it.
    await h.engine.apply(a.sessionId, { type: 'decision-made', decision: 'refund' });
    const m = h.db.outbox.list({ sessionId: a.sessionId })[0]!;
    assert.equal(m.state, 'failed-final');
    assert.throws(() => h.engine.resetOutcome(m.id), /cannot be reset/);

    const b = await paid(h);
    await until('a person is asked', () => h.engine.get(b.sessionId).status === 'needs-decision');
    const mb = h.db.outbox.list({ sessionId: b.sessionId })[0]!;
    h.engine.resetOutcome(mb.id);
    assert.equal(h.engine.get(b.sessionId).status, 'outcome-pending');
    await settle(h);
    assert.equal(h.engine.get(b.sessionId).status, 'completed', 'the acceptance after the reset counts');
  });

  test('transient faults are resent with a new key, bounded, then the message is stalled: shown stalled only while not retried', async (t) => {
    const h = await startHarness(t);
    h.sim.injectFaults([{ kind: 'system-error', primitive: OUTCOME, count: 20 }]);
    const { sessionId } = await paid(h);
    h.outbox.start();
    await until('stalled', () => h.db.outbox.list({ sessionId })[0]?.state === 'stalled');
    const m = h.db.outbox.list({ sessionId })[0]!;
    assert.equal(m.attempts, 5);
    const keys = h.db.outbox.attempts(m.id).map((x) => x.idempotencyKey);
    assert.equal(new Set(keys).size, keys.length, 'every resend after an answered fault has its own key');
    assert.equal(h.db.outbox.nextDue(Number.MAX_SAFE_INTEGER).length, 0, 'a stalled message is not due');
    h.sim.clearFaults();
    h.engine.resetOutcome(m.id);
    await settle(h);
    assert.equal(h.engine.get(sessionId).status, 'completed');
  });
});
