// Card payments exactly once (issue 14 §3, the money side): a real core in demo mode (its node
// simulator on loopback, SQLite in a temp folder), the nexo terminal simulator over real HTTP, the
// nexo driver between them. A lost answer is resolved before anything else; a kill between the
// approval and the tender is resolved at restart (tendered, or reversed when the token is lapsing),
// never a KO while the card is open; an OK the node refuses is reversed at the terminal and its refund
// recorded; a reversal the terminal refuses is a refund case for a person.
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startCore } from '../../../main/core/core';
import type { CoreOptions } from '../../../main/core/core';
import { createCoreApi } from '../../../main/api/core-api';
import { payByCard } from '../../../main/services/kiosk/card-payment';
import { ledgerOf, resolveOpenCards } from '../../../main/services/card/recovery';
import { systemClock } from '../../../main/engine';
import { NexoCardTerminal, type NexoCardTerminalOptions } from '../../../drivers/tender';
import { startNexoSimulator, type NexoSimulator } from '../../../sim/nexo/server';
import { httpJson } from '../../support/http';
import { tempDir } from '../../support/tmp';

const QR_TARI = 'PAGOPA|002|301020250000000129|77777777777|12000';
const QR_CANTEEN = 'PAGOPA|002|301020250000000230|77777777777|4550';
type T = TestContext;

async function nexoSim(t: T): Promise<NexoSimulator> {
  const sim = await startNexoSimulator({ script: [] });
  t.after(() => sim.close());
  return sim;
}

function terminalFor(t: T, sim: NexoSimulator, extra: Partial<NexoCardTerminalOptions> = {}): NexoCardTerminal {
  const terminal = new NexoCardTerminal({
    url: sim.url,
    insecureLoopback: true,
    poiId: sim.poiId,
    saleId: 'sportello-test',
    key: { ...sim.key },
    ...extra,
  });
  t.after(() => terminal.close());
  return terminal;
}

async function coreOn(t: T, dir: string, core: CoreOptions = {}) {
  const c = await startCore({ ...core, env: { SPORTELLO_DATA_DIR: dir } });
  const api = createCoreApi(c);
  t.after(async () => {
    api.close();
    await c.close();
  });
  return { core: c, api };
}

type Started = Awaited<ReturnType<typeof coreOn>>;

async function call<V>(s: Started, name: string, request: unknown): Promise<V> {
  const r = await (s.api.call as (n: string, r: unknown) => Promise<{ ok: boolean; value?: V; error?: { code: string } }>)(name, request);
  if (!r.ok) assert.fail(`${name}: ${JSON.stringify(r.error)}`);
  return r.value!;
}

async function activated(s: Started, qr = QR_TARI): Promise<string> {
  const session = await call<{ id: string }>(s, 'session.start', { kind: 'kiosk' });
  await call(s, 'session.addNotice', { sessionId: session.id, text: qr });
  const a = await call<{ status: string }>(s, 'session.activate', { sessionId: session.id });
  assert.equal(a.status, 'activated');
  return session.id;
}

const outboxOf = (s: Started, id: string) => s.core.db.outbox.list({ sessionId: id }).map((m) => m.outcome);
const kinds = (s: Started, id: string) => s.core.db.journal.bySession(id).map((e) => e.kind);
const txsOf = (sim: NexoSimulator, id: string) => sim.transactions().filter((x) => x.reference === id);

/** Polls (no timed assertion: the test's own timeout bounds it) until the session reaches `status`. */
async function until(s: Started, id: string, status: string): Promise<void> {
  while (s.core.engine.get(id).status !== status) {
    s.core.outbox.kick();
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The node refuses our OK for real: the OK is held (its connections refused), our token lapses at the
 * node and its cancel job releases it, another payer activates the notice, then the OK arrives:
 * PPT_PAGAMENTO_DUPLICATO, the session is refund-required. All through the simulator's admin API.
 */
async function okRefusedByNode(s: Started, id: string, pay: () => Promise<unknown>): Promise<void> {
  const admin = `${new URL(s.core.sim!.url).origin}/admin`;
  await httpJson(`${admin}/faults`, { method: 'POST', body: { kind: 'refuse', primitive: 'sendPaymentOutcomeV2' } });
  await pay();
  assert.equal(s.core.engine.get(id).tender?.method, 'card');
  await httpJson(`${admin}/clock`, { method: 'POST', body: { advanceMs: 31 * 60_000 } });
  await httpJson(`${admin}/cancel-job`, { method: 'POST', body: {} });
  await s.core.node.activatePaymentNoticeV2({
    idempotencyKey: s.core.node.newIdempotencyKey(),
    qrCode: { fiscalCode: '77777777777', noticeNumber: '301020250000000129' },
    expirationTime: 1_800_000,
    amount: 12000,
    paymentMethod: 'PO',
    touchPoint: 'PSP',
  });
  await httpJson(`${admin}/faults`, { method: 'DELETE' });
  await until(s, id, 'refund-required');
}

describe('card payments exactly once, nexo simulator over HTTP', { timeout: 90_000 }, () => {
  test('lost answer the terminal cannot settle at once: unknown, held (no KO), then resolved to approved and tendered once', async (t) => {
    const sim = await nexoSim(t);
    const s = await coreOn(t, tempDir(t, 'sportello-card-'));
    const id = await activated(s);
    // The payment is processed slowly: its answer times out, the status polls find it in progress.
    sim.script('slow:800');
    const terminal = terminalFor(t, sim, { answerTimeoutMs: 150, pollMs: 20, maxPolls: 2 });
    const r = await payByCard(s.core, terminal, id);
    assert.deepEqual([r.result, r.reason], ['unknown', 'TENDER_OUTCOME_UNKNOWN'], 'never "declined"');
    assert.equal(s.core.engine.cardHeld(id), true);
    const cancel = await s.api.call('session.cancel', { sessionId: id });
    assert.equal(!cancel.ok && cancel.error.code, 'CARD_AUTHORIZATION_OPEN', 'no KO while the card may be charged');
    assert.equal(await s.core.engine.abandonIdle(0), 0, 'nor by the idle sweep');
    assert.deepEqual(outboxOf(s, id), []);
    await sim.waitFor(id, 'done');
    assert.equal(await resolveOpenCards(s.core, terminal), 0);
    const after = s.core.engine.get(id);
    assert.equal(after.tender?.method, 'card');
    assert.deepEqual(outboxOf(s, id), ['OK']);
    assert.ok(kinds(s, id).includes('card-resolved'));
    // The kiosk asks again: the approval is reported, never a second charge.
    const again = await payByCard(s.core, terminal, id);
    assert.equal(again.result, 'approved');
    assert.equal(txsOf(sim, id).length, 1, 'one payment request reached the terminal');
    assert.equal(txsOf(sim, id)[0]!.reversed, false);
  });

  test('a retried payment while the first is still unknown asks the terminal, never authorizes again', async (t) => {
    const sim = await nexoSim(t);
    const s = await coreOn(t, tempDir(t, 'sportello-card-'));
    const id = await activated(s);
    sim.script('slow:600');
    const terminal = terminalFor(t, sim, { answerTimeoutMs: 100, pollMs: 20, maxPolls: 1 });
    assert.equal((await payByCard(s.core, terminal, id)).result, 'unknown');
    const second = await payByCard(s.core, terminal, id);
    assert.deepEqual([second.result, second.reason], ['unknown', 'checking'], 'still in progress: no new request');
    await sim.waitFor(id, 'done');
    assert.equal((await payByCard(s.core, terminal, id)).result, 'approved');
    assert.equal(txsOf(sim, id).length, 1);
    assert.deepEqual(outboxOf(s, id), ['OK']);
  });

  test("another citizen's card waits while an earlier authorization on the terminal is still unknown", async (t) => {
    const sim = await nexoSim(t);
    const s = await coreOn(t, tempDir(t, 'sportello-card-'));
    const first = await activated(s);
    const second = await activated(s, QR_CANTEEN);
    sim.script('slow:600');
    const terminal = terminalFor(t, sim, { answerTimeoutMs: 100, pollMs: 20, maxPolls: 1 });
    assert.equal((await payByCard(s.core, terminal, first)).result, 'unknown');
    const busy = await payByCard(s.core, terminal, second);
    assert.deepEqual([busy.result, busy.reason], ['unavailable', 'busy'], 'no new charge while the first is open');
    assert.equal(txsOf(sim, second).length, 0);
    await sim.waitFor(first, 'done');
    assert.equal((await payByCard(s.core, terminal, second)).result, 'approved', 'the first is resolved first, then the card is asked');
    assert.equal(s.core.engine.get(first).tender?.method, 'card');
    assert.deepEqual([txsOf(sim, first).length, txsOf(sim, second).length], [1, 1]);
  });

  for (const [point, lapsing] of [
    ['card-approved', false],
    ['card-approved', true],
    ['card-intent-journaled', false],
  ] as const) {
    test(`killed at ${point}${lapsing ? ', restarted when the token is lapsing' : ''}: resolved at restart, never a KO while the card is open`, async (t) => {
      const sim = await nexoSim(t);
      const dir = tempDir(t, 'sportello-card-');
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/card/card-child.ts'], {
        env: {
          ...process.env,
          SPORTELLO_DATA_DIR: dir,
          SPORTELLO_CRASH_AT: point,
          NEXO_URL: sim.url,
          NEXO_POI: sim.poiId,
          NEXO_KEY: JSON.stringify(sim.key),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
      assert.equal(signal, 'SIGKILL', `the child died at ${point}: ${out}`);
      const { sessionId: id } = JSON.parse(out.split('\n')[0]!) as { sessionId: string };
      // Restart on the same files; the clock 29 minutes on when the token must be lapsing (30 min tokens).
      const clock = lapsing ? { wallMs: () => Date.now() + 29 * 60_000, monoMs: systemClock.monoMs } : systemClock;
      const s = await coreOn(t, dir, { clock, sweepMs: 3_600_000 });
      // Recovery left the held session alone: no KO while the card is open. (An approval already
      // journaled needs no terminal to be tendered: the API's own first pass may have done it.)
      assert.ok(!outboxOf(s, id).includes('KO'), 'no KO while the card is open');
      const terminal = terminalFor(t, sim);
      assert.equal(await resolveOpenCards(s.core, terminal), 0);
      await s.core.engine.expireLapsing(120_000); // the sweeper's step
      const tx = txsOf(sim, id);
      if (point === 'card-intent-journaled') {
        assert.equal(tx.length, 0, 'the terminal was never asked');
        assert.equal(ledgerOf(s.core, id).phase, 'none');
        // Recovery's step, held for the card, now runs: nothing charged; the demo is a counter
        // terminal, so the untendered activation goes to the operator (a kiosk sends the KO).
        assert.deepEqual([s.core.engine.get(id).status, s.core.engine.get(id).decisionReason], ['needs-decision', 'abandoned-activation']);
        assert.deepEqual(outboxOf(s, id), []);
        return;
      }
      assert.equal(tx.length, 1);
      if (!lapsing) {
        assert.equal(s.core.engine.get(id).tender?.method, 'card');
        assert.deepEqual(outboxOf(s, id), ['OK']);
        assert.equal(tx[0]!.reversed, false);
      } else {
        assert.equal(tx[0]!.reversed, true, 'reversed before the KO');
        assert.equal(s.core.engine.get(id).tender, null);
        assert.deepEqual(outboxOf(s, id), ['KO']);
        assert.equal(ledgerOf(s.core, id).phase, 'reversed');
      }
    });
  }

  test('approved, then the node refuses the OK (another payer after our token lapsed): reversed at the terminal, refund recorded', async (t) => {
    const sim = await nexoSim(t);
    const s = await coreOn(t, tempDir(t, 'sportello-card-'), { retrySlotMs: 200 });
    const id = await activated(s);
    const terminal = terminalFor(t, sim);
    await okRefusedByNode(s, id, async () => assert.equal((await payByCard(s.core, terminal, id)).result, 'approved'));
    assert.equal(s.core.engine.get(id).notices[0]!.lastError?.faultCode, 'PPT_PAGAMENTO_DUPLICATO');
    assert.equal(await resolveOpenCards(s.core, terminal), 0);
    const after = s.core.engine.get(id);
    assert.equal(after.status, 'refunded');
    const tx = txsOf(sim, id);
    assert.equal(tx.length, 1);
    assert.equal(tx[0]!.reversed, true);
    assert.match(after.decisionReason ?? '', new RegExp(`card reversal of transaction ${tx[0]!.poiTransactionId}`));
    const voided = s.core.db.journal.bySession(id).find((e) => e.kind === 'card-void');
    assert.deepEqual(
      { ...(voided?.payload as object) },
      { transactionId: tx[0]!.poiTransactionId, voided: true, refusal: 'node-refused-ok', for: 'refund' },
    );
  });

  test('the reversal of a refused OK fails: offline is retried, a refusal is a refund case for a person', async (t) => {
    const sim = await nexoSim(t);
    const s = await coreOn(t, tempDir(t, 'sportello-card-'), { retrySlotMs: 200 });
    const id = await activated(s);
    await okRefusedByNode(s, id, async () => assert.equal((await payByCard(s.core, terminalFor(t, sim), id)).result, 'approved'));
    sim.setOffline(true);
    assert.equal(await resolveOpenCards(s.core, terminalFor(t, sim)), 1, 'offline: still owed, asked again');
    assert.equal(await resolveOpenCards(s.core, terminalFor(t, sim)), 1);
    assert.equal(kinds(s, id).filter((k) => k === 'card-void').length, 1, 'the same failure is journaled once');
    // The terminal comes back without the transaction (replaced, reset): it answers NotFound.
    const replaced = await nexoSim(t);
    const other = terminalFor(t, replaced, { id: terminalFor(t, sim).id });
    assert.equal(await resolveOpenCards(s.core, other), 0);
    assert.equal(s.core.engine.get(id).status, 'refund-required', 'left for a person');
    const refundCase = s.core.db.journal.bySession(id).find((e) => e.kind === 'card-refund-case');
    assert.deepEqual(
      { ...(refundCase?.payload as object) },
      { transactionId: txsOf(sim, id)[0]!.poiTransactionId, reason: 'reversal unknown-transaction' },
    );
    assert.equal(await resolveOpenCards(s.core, terminalFor(t, sim)), 0, 'nothing more is tried');
  });
});
