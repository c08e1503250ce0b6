// The nexo card terminal driver against the nexo terminal simulator over real HTTP on loopback:
// every outcome a customer can meet, the lost answer settled by a transaction status request, the
// reversal, and the answers that must never become an approval (wrong key, tampered HMAC, another
// amount, another transaction). The simulator encrypts with @adyen/api-library's NexoCrypto, the
// driver with its own envelope code: each side checks the other.
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  NexoCardTerminal,
  TenderAnswerRejected,
  TenderConfigInvalid,
  TenderKeyRejected,
  type NexoCardTerminalOptions,
  type TenderDeviceStatus,
} from '../../../../drivers/tender';
import { startNexoSimulator, type NexoSimulator } from '../../../../sim/nexo/server';
import { NEXO_DECLINES } from '../../../../sim/nexo/script';

const noWait = () => Promise.resolve();

async function setup(t: TestContext, script = '', extra: Partial<NexoCardTerminalOptions> = {}) {
  const sim = await startNexoSimulator(script ? { script: [] } : {});
  if (script) sim.script(script);
  t.after(() => sim.close());
  const terminal = new NexoCardTerminal({
    url: sim.url,
    insecureLoopback: true,
    poiId: sim.poiId,
    saleId: 'sportello-test',
    key: { ...sim.key },
    sleep: noWait,
    maxPolls: 5,
    ...extra,
  });
  t.after(() => terminal.close());
  return { sim, terminal };
}

function terminalFor(sim: NexoSimulator, extra: Partial<NexoCardTerminalOptions> = {}): NexoCardTerminal {
  return new NexoCardTerminal({
    url: sim.url,
    insecureLoopback: true,
    poiId: sim.poiId,
    saleId: 'sportello-test',
    key: { ...sim.key },
    sleep: noWait,
    maxPolls: 5,
    ...extra,
  });
}

describe('nexo card terminal: what the customer meets', () => {
  test('an approval maps brand, last four digits, auth code, POI transaction and acquirer reference', async (t) => {
    const { sim, terminal } = await setup(t, 'approve');
    const seen: TenderDeviceStatus[] = [];
    terminal.onStatus((s) => seen.push(s));
    const r = await terminal.authorize(12150, 'sess-approve-1');
    assert.equal(r.outcome, 'approved');
    if (r.outcome !== 'approved') return;
    const tx = sim.transactions()[0]!;
    assert.equal(tx.amountText, '121.50', 'the amount on the wire is the decimal of the cents, exactly');
    assert.equal(r.amountCents, 12150);
    assert.equal(r.reference, 'sess-approve-1');
    assert.equal(r.cardBrand, 'MC');
    assert.equal(r.maskedPan, '**** **** **** 9999');
    assert.match(r.authCode, /^\d{6}$/);
    assert.equal(r.transactionId, tx.poiTransactionId);
    assert.match(r.acquirerReference ?? '', /^\d{16}$/);
    assert.deepEqual(
      seen.map((s) => s.state),
      ['present-card', 'ready'],
    );
  });

  for (const reason of NEXO_DECLINES) {
    test(`a decline for ${reason} is declined with that reason`, async (t) => {
      const { terminal } = await setup(t, `decline:${reason}`);
      assert.deepEqual(await terminal.authorize(5000, `sess-decline-${reason}`), {
        outcome: 'declined',
        reference: `sess-decline-${reason}`,
        reason,
      });
    });
  }

  test('no card within the terminal wait is a timeout; the red key on the terminal is cancelled', async (t) => {
    const { terminal } = await setup(t, 'timeout,customer-cancel');
    assert.deepEqual(await terminal.authorize(5000, 'sess-timeout'), { outcome: 'timeout', reference: 'sess-timeout' });
    assert.deepEqual(await terminal.authorize(5000, 'sess-cust-cancel'), { outcome: 'cancelled', reference: 'sess-cust-cancel' });
  });

  test('cancel() sends an AbortRequest while the terminal waits for the card: cancelled, nothing charged', async (t) => {
    const { sim, terminal } = await setup(t, 'hold');
    const pending = terminal.authorize(5000, 'sess-abort');
    await sim.waitFor('sess-abort', 'waiting-card');
    assert.equal(await terminal.cancel(), true);
    assert.deepEqual(await pending, { outcome: 'cancelled', reference: 'sess-abort' });
    assert.equal(sim.transactions()[0]!.approved, false);
    assert.ok(sim.log().some((e) => e.category === 'Abort' && e.result === 'aborted'));
    assert.equal(await terminal.cancel(), false, 'nothing to cancel any more');
  });

  test('a busy terminal answers unavailable: busy; so does a second authorization while one runs', async (t) => {
    const { sim, terminal } = await setup(t, 'busy,hold');
    assert.deepEqual(await terminal.authorize(5000, 'sess-busy'), { outcome: 'unavailable', reference: 'sess-busy', reason: 'busy' });
    const first = terminal.authorize(5000, 'sess-hold');
    await sim.waitFor('sess-hold', 'waiting-card');
    assert.deepEqual(await terminal.authorize(5000, 'sess-second'), { outcome: 'unavailable', reference: 'sess-second', reason: 'busy' });
    assert.ok(sim.release('sess-hold'));
    assert.equal((await first).outcome, 'approved');
  });

  test('offline: a 503 and a terminal that refuses connections are unavailable: offline', async (t) => {
    const { sim, terminal } = await setup(t, 'offline');
    assert.deepEqual(await terminal.authorize(5000, 'sess-503'), { outcome: 'unavailable', reference: 'sess-503', reason: 'offline' });
    assert.equal(sim.transactions().length, 0);
    await sim.close();
    assert.deepEqual(await terminal.authorize(5000, 'sess-refused'), {
      outcome: 'unavailable',
      reference: 'sess-refused',
      reason: 'offline',
    });
    assert.equal(terminal.status().state, 'offline');
  });
});

describe('nexo card terminal: a lost answer is settled by a transaction status request', () => {
  test('processed then the answer dropped: the status request finds the approval', async (t) => {
    const { sim, terminal } = await setup(t, 'lost');
    const r = await terminal.authorize(9900, 'sess-lost');
    assert.equal(r.outcome, 'approved');
    assert.equal(r.outcome === 'approved' && r.transactionId, sim.transactions()[0]!.poiTransactionId);
    assert.deepEqual(
      sim.log().map((e) => `${e.category}:${e.result}`),
      ['Payment:lost', 'TransactionStatus:found'],
    );
  });

  test('the request never processed: not found, no money moved; resolve() says not-found', async (t) => {
    const { sim, terminal } = await setup(t, 'drop');
    assert.deepEqual(await terminal.authorize(9900, 'sess-drop'), { outcome: 'unavailable', reference: 'sess-drop', reason: 'offline' });
    assert.equal(sim.transactions().length, 0);
    assert.deepEqual(await terminal.resolve('sess-drop'), { outcome: 'unknown', reference: 'sess-drop', reason: 'not-found' });
  });

  test('a slow answer: the status says in progress, is polled, and ends approved', async (t) => {
    const sim = await startNexoSimulator({ script: [{ kind: 'hold' }] });
    t.after(() => sim.close());
    let polls = 0;
    const terminal = terminalFor(sim, {
      answerTimeoutMs: 200,
      // The customer presents the card while the driver waits between status polls.
      sleep: async () => {
        polls++;
        sim.release('sess-slow');
        await sim.waitFor('sess-slow', 'done');
      },
    });
    t.after(() => terminal.close());
    const r = await terminal.authorize(4200, 'sess-slow');
    assert.equal(r.outcome, 'approved');
    assert.equal(polls, 1);
    assert.deepEqual(
      sim.log().map((e) => `${e.category}:${e.result}`),
      ['Payment:hold', 'TransactionStatus:in-progress', 'TransactionStatus:found'],
    );
  });

  test('a garbage answer is not believed: the status request decides', async (t) => {
    const { terminal } = await setup(t, 'garbage');
    assert.equal((await terminal.authorize(1000, 'sess-garbage')).outcome, 'approved');
  });

  test("after the core's crash a fresh driver resolves by the terminal's last payment", async (t) => {
    const { sim, terminal } = await setup(t, 'approve');
    const r = await terminal.authorize(2500, 'sess-crash');
    const fresh = terminalFor(sim);
    t.after(() => fresh.close());
    assert.deepEqual(await fresh.resolve('sess-crash'), r);
    assert.deepEqual(await fresh.resolve('sess-never'), { outcome: 'unknown', reference: 'sess-never', reason: 'not-found' });
  });
});

describe('nexo card terminal: reversal', () => {
  test('void() reverses the approval at the terminal; an unknown transaction is not voided', async (t) => {
    const { sim, terminal } = await setup(t, 'approve');
    const r = await terminal.authorize(3000, 'sess-void');
    assert.equal(r.outcome, 'approved');
    if (r.outcome !== 'approved') return;
    assert.deepEqual(await terminal.void(r), { voided: true });
    assert.equal(sim.transactions()[0]!.reversed, true);
    assert.deepEqual(await terminal.void({ ...r, transactionId: 'SIM999999' }), { voided: false, reason: 'unknown-transaction' });
  });
});

describe('nexo card terminal: answers that are never an approval', () => {
  test('a wrong passphrase or key identifier: the terminal rejects it, a typed error, nothing processed', async (t) => {
    const { sim } = await setup(t);
    for (const key of [
      { ...sim.key, passphrase: 'not-the-passphrase' },
      { ...sim.key, keyIdentifier: 'AnotherKey' },
    ]) {
      const terminal = terminalFor(sim, { key });
      await assert.rejects(
        terminal.authorize(5000, 'sess-wrong-key'),
        (e: unknown) => e instanceof TenderKeyRejected && e.code === 'TENDER_KEY_REJECTED',
      );
      assert.doesNotMatch(JSON.stringify(sim.log()), /not-the-passphrase/);
    }
    assert.equal(sim.transactions().length, 0);
  });

  test('a tampered HMAC (hostile terminal) is refused: typed error, no approval', async (t) => {
    const { sim, terminal } = await setup(t, 'approve');
    sim.setHostility('tamper-hmac');
    await assert.rejects(terminal.authorize(5000, 'sess-hmac'), (e: unknown) => e instanceof TenderAnswerRejected);
  });

  test('an unencrypted answer is refused', async (t) => {
    const { sim, terminal } = await setup(t, 'approve');
    sim.setHostility('plain');
    await assert.rejects(terminal.authorize(5000, 'sess-plain'), (e: unknown) => e instanceof TenderAnswerRejected);
  });

  test('an approval of another amount is refused and reversed at once', async (t) => {
    const { sim, terminal } = await setup(t, 'other-amount');
    await assert.rejects(
      terminal.authorize(5000, 'sess-amount'),
      (e: unknown) => e instanceof TenderAnswerRejected && e.details.reversed === true && e.details.transactionId === 'SIM000001',
    );
    assert.equal(sim.transactions()[0]!.reversed, true);
  });

  test('an answer naming another sale transaction is refused', async (t) => {
    const { terminal } = await setup(t, 'other-transaction');
    await assert.rejects(terminal.authorize(5000, 'sess-other'), (e: unknown) => e instanceof TenderAnswerRejected);
  });

  test('plain http only to loopback and only when asked; https needs a CA or a fingerprint', () => {
    const key = { keyIdentifier: 'K', keyVersion: 1, passphrase: 'p' };
    const base = { poiId: 'P', saleId: 'S', key };
    assert.throws(() => new NexoCardTerminal({ ...base, url: 'http://127.0.0.1:8443/nexo' }), TenderConfigInvalid);
    assert.throws(
      () => new NexoCardTerminal({ ...base, url: 'http://192.168.1.20:8443/nexo', insecureLoopback: true }),
      TenderConfigInvalid,
    );
    assert.throws(() => new NexoCardTerminal({ ...base, url: 'https://192.168.1.20:8443/nexo' }), TenderConfigInvalid);
    assert.throws(
      () => new NexoCardTerminal({ ...base, url: 'http://127.0.0.1:8443/nexo', insecureLoopback: true, key: { ...key, passphrase: '' } }),
      TenderConfigInvalid,
    );
    assert.ok(new NexoCardTerminal({ ...base, url: 'https://192.168.1.20:8443/nexo', tls: { fingerprint256: 'AB:CD' } }));
  });
});
