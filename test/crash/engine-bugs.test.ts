// Engine bugs the crash harness found, each reproduced in one process against the simulator over
// HTTP so the cause is plain, kept as regression tests now that main/ is fixed (test/crash/README.md).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { settle, startHarness } from '../support/engine-harness';
import type { Harness } from '../support/engine-harness';

const FC = '77777777777';

function freshNotice(h: Harness, amountCents = 4_200): string {
  return h.sim.addPosition({
    fiscalCode: FC,
    companyName: 'Comune di prova',
    paymentDescription: 'Prova',
    transfers: [{ amountCents, iban: 'IT60X0542811101000000123456', remittanceInformation: 'Prova' }],
  }).noticeNumber;
}

async function activated(h: Harness, noticeNumber: string): Promise<string> {
  const s = h.engine.startSession('counter');
  await h.engine.addNotice(s.id, { fiscalCode: FC, noticeNumber, scannedAmountCents: null, source: 'qr' });
  await h.engine.activate(s.id);
  return s.id;
}

async function until(what: string, ok: () => boolean, limitMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > limitMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('lost activation answers (invariant 3)', () => {
  test('the token the node opened is found with the same key and closed with a KO', async (t) => {
    // The dropped answer is not in flight any more: nothing to wait for before asking again.
    const h = await startHarness(t, { horizonMs: 0 });
    const notice = freshNotice(h);
    h.sim.injectFaults([{ kind: 'drop-response', primitive: 'activatePaymentNoticeV2', count: 1 }]);
    const sessionId = await activated(h, notice);
    assert.equal(h.engine.get(sessionId).notices[0]?.lastError?.code, 'ACTIVATION_UNKNOWN');
    assert.equal(h.sim.position(FC, notice)?.sessions[0]?.status, 'open', 'the node did open a session');
    assert.equal(await h.engine.resolveUnknownActivations(), 1, 'one orphan token closed');
    await settle(h, 5_000);
    assert.equal(h.sim.position(FC, notice)?.sessions[0]?.status, 'closed-ko');
  });

  test('two sweeps at the same time close it once', async (t) => {
    // The dropped answer is not in flight any more: nothing to wait for before asking again.
    const h = await startHarness(t, { horizonMs: 0 });
    const notice = freshNotice(h);
    h.sim.injectFaults([{ kind: 'drop-response', primitive: 'activatePaymentNoticeV2', count: 1 }]);
    const sessionId = await activated(h, notice);
    // Both sweeps ask the node before either has written anything (core.ts's setInterval does not wait for the last sweep).
    h.sim.injectFaults([{ kind: 'latency', primitive: 'activatePaymentNoticeV2', latencyMs: 200, count: 2 }]);
    await Promise.all([h.engine.resolveUnknownActivations(), h.engine.resolveUnknownActivations()]);
    assert.equal(h.db.outbox.list({ sessionId }).length, 1, 'one KO message for the orphan token');
  });
});

describe('an outage longer than the retry schedule (invariant 4)', { concurrency: 2 }, () => {
  async function stalledOutcome(t: Parameters<typeof startHarness>[0]): Promise<{ h: Harness; sessionId: string; notice: string }> {
    const h = await startHarness(t, { timeoutMs: 500 });
    const notice = freshNotice(h);
    const sessionId = await activated(h, notice);
    // An outage window on the node's clock: moving the clock ends it.
    h.sim.injectFaults([{ kind: 'outage', forMs: 600_000 }]);
    await h.engine.tender(sessionId, 'cash', null);
    h.outbox.start();
    const message = () => h.db.outbox.list({ sessionId })[0]!;
    await until('the five attempts to be spent', () => message().state === 'stalled');
    h.sim.advanceClock(601_000);
    return { h, sessionId, notice };
  }

  test('the outcome is delivered once the node answers again, with nothing else to send', async (t) => {
    const { h, sessionId, notice } = await stalledOutcome(t);
    await settle(h, 6_000);
    assert.equal(h.engine.get(sessionId).status, 'completed');
    assert.equal(h.sim.position(FC, notice)?.state, 'paid');
  });

  test('a restart does not leave it stalled either', async (t) => {
    const { h, sessionId } = await stalledOutcome(t);
    const h2 = await h.restart();
    await h2.engine.recover();
    await settle(h2, 6_000);
    assert.equal(h2.engine.get(sessionId).status, 'completed');
  });
});
