// The simulated card terminal is the only card terminal this machine can have; these tests pin its
// contract (phases, outcomes, cancel, void) because the kiosk's card payment relies on it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SimulatedCardTerminal, parseScript, abortableSleep } from '../../../../drivers/tender';
import type { TenderDeviceStatus } from '../../../../drivers/tender';

/** A sleep the test releases by hand, so a phase can be observed and cancelled without timing. */
function manualSleep() {
  const waiting: Array<{ resolve: (v: boolean) => void; signal: AbortSignal }> = [];
  const sleep = (_ms: number, signal: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      if (signal.aborted) return resolve(false);
      const entry = { resolve, signal };
      signal.addEventListener(
        'abort',
        () => {
          waiting.splice(waiting.indexOf(entry), 1);
          resolve(false);
        },
        { once: true },
      );
      waiting.push(entry);
    });
  const next = async () => {
    for (let i = 0; i < 50 && waiting.length === 0; i++) await new Promise((r) => setImmediate(r));
    const w = waiting.shift();
    assert.ok(w, 'nothing is waiting');
    w.resolve(true);
    await new Promise((r) => setImmediate(r));
  };
  return { sleep, next, waiting };
}

describe('parseScript', () => {
  test('reads outcomes and decline reasons, refuses what it does not know', () => {
    assert.deepEqual(parseScript('decline:insufficient-funds, approve'), [
      { kind: 'decline', reason: 'insufficient-funds' },
      { kind: 'approve' },
    ]);
    assert.deepEqual(parseScript('decline'), [{ kind: 'decline', reason: 'refused' }]);
    assert.deepEqual(parseScript('timeout,offline'), [{ kind: 'timeout' }, { kind: 'offline' }]);
    for (const bad of ['', 'maybe', 'decline:stolen', 'approve:now']) {
      assert.throws(() => parseScript(bad), { code: 'TENDER_REQUEST_INVALID' }, bad);
    }
  });
});

describe('SimulatedCardTerminal', () => {
  test('approves by default with a deterministic auth code and only the last four digits', async () => {
    const a = await new SimulatedCardTerminal().authorize(12150, 'session-1');
    const b = await new SimulatedCardTerminal().authorize(12150, 'session-1');
    assert.equal(a.outcome, 'approved');
    assert.deepEqual(a, b, 'same terminal, same request, same answer');
    if (a.outcome !== 'approved') return;
    assert.match(a.authCode, /^\d{6}$/);
    assert.equal(a.amountCents, 12150);
    assert.match(a.maskedPan, /^[* ]+\d{4}$/);
    const c = await new SimulatedCardTerminal().authorize(12150, 'session-2');
    assert.notEqual((c as typeof a).authCode + (c as typeof a).reference, a.authCode + a.reference);
  });

  test('follows its script in order and repeats the last outcome', async () => {
    const t = new SimulatedCardTerminal({ script: parseScript('decline:pin-wrong,timeout,offline,approve'), cardWaitMs: 0 });
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await t.authorize(100, `r${i}`));
    assert.deepEqual(
      outcomes.map((o) => o.outcome),
      ['declined', 'timeout', 'unavailable', 'approved', 'approved'],
    );
    assert.deepEqual(outcomes[0], { outcome: 'declined', reference: 'r0', reason: 'pin-wrong' });
    assert.deepEqual(outcomes[2], { outcome: 'unavailable', reference: 'r2', reason: 'offline' });
    assert.equal(t.authorizations, 5);
  });

  test('walks present-card → processing → ready and reports each status once', async () => {
    const { sleep, next } = manualSleep();
    const t = new SimulatedCardTerminal({ sleep });
    const seen: TenderDeviceStatus[] = [];
    t.onStatus((s) => seen.push(s));
    const pending = t.authorize(500, 'ref');
    await next();
    assert.equal(t.status().state, 'processing');
    await next();
    assert.equal((await pending).outcome, 'approved');
    assert.deepEqual(
      seen.map((s) => s.state),
      ['present-card', 'processing', 'ready'],
    );
    assert.equal(seen[0]?.reference, 'ref');
    assert.equal(t.status().reference, null);
  });

  test('one authorization at a time: a second is unavailable (busy)', async () => {
    const { sleep, next } = manualSleep();
    const t = new SimulatedCardTerminal({ sleep });
    const first = t.authorize(500, 'a');
    assert.deepEqual(await t.authorize(500, 'b'), { outcome: 'unavailable', reference: 'b', reason: 'busy' });
    await next();
    await next();
    assert.equal((await first).outcome, 'approved');
  });

  test('cancel while waiting for the card resolves cancelled; past the card it is too late', async () => {
    const { sleep, next } = manualSleep();
    const t = new SimulatedCardTerminal({ sleep });
    assert.equal(await t.cancel(), false, 'nothing to cancel');
    const first = t.authorize(500, 'a');
    await new Promise((r) => setImmediate(r));
    assert.equal(t.status().state, 'present-card');
    assert.equal(await t.cancel(), true);
    assert.deepEqual(await first, { outcome: 'cancelled', reference: 'a' });
    assert.equal(t.status().state, 'ready');

    const second = t.authorize(500, 'b');
    await next();
    assert.equal(t.status().state, 'processing');
    assert.equal(await t.cancel(), false);
    await next();
    assert.equal((await second).outcome, 'approved');
  });

  test('a timeout outcome waits cardWaitMs for a card that never comes', async () => {
    const asked: number[] = [];
    const t = new SimulatedCardTerminal({
      script: parseScript('timeout'),
      cardWaitMs: 1234,
      stepMs: 7,
      sleep: async (ms) => (asked.push(ms), true),
    });
    assert.deepEqual(await t.authorize(100, 'x'), { outcome: 'timeout', reference: 'x' });
    assert.deepEqual(asked, [1234]);
  });

  test('void reverses an approval once; unknown or offline is said', async () => {
    const t = new SimulatedCardTerminal();
    const a = await t.authorize(100, 'x');
    assert.equal(a.outcome, 'approved');
    if (a.outcome !== 'approved') return;
    t.setOnline(false);
    assert.deepEqual(await t.void(a), { voided: false, reason: 'offline' });
    assert.equal(t.status().state, 'offline');
    assert.equal((await t.authorize(100, 'y')).outcome, 'unavailable');
    t.setOnline(true);
    assert.deepEqual(await t.void(a), { voided: true });
    assert.deepEqual(await t.void(a), { voided: false, reason: 'unknown-transaction' });
  });

  test('refuses amounts that are not positive integer cents before touching the card', async () => {
    const t = new SimulatedCardTerminal();
    for (const bad of [0, -5, 12.5, Number.NaN]) {
      await assert.rejects(t.authorize(bad, 'x'), { code: 'TENDER_REQUEST_INVALID' }, String(bad));
    }
    await assert.rejects(t.authorize(100, ''), { code: 'TENDER_REQUEST_INVALID' });
    assert.equal(t.authorizations, 0);
  });

  test('resolve() answers what the terminal said for a reference, in-progress while it runs, not-found otherwise', async () => {
    const { sleep, next } = manualSleep();
    const t = new SimulatedCardTerminal({ script: parseScript('approve,decline:pin-wrong'), sleep });
    const running = t.authorize(700, 'r1');
    await next();
    assert.deepEqual(await t.resolve('r1'), { outcome: 'unknown', reference: 'r1', reason: 'in-progress' });
    await next();
    const approved = await running;
    assert.deepEqual(await t.resolve('r1'), approved);
    const second = t.authorize(700, 'r2');
    await next();
    await next();
    assert.deepEqual(await second, { outcome: 'declined', reference: 'r2', reason: 'pin-wrong' });
    assert.deepEqual(await t.resolve('r2'), { outcome: 'declined', reference: 'r2', reason: 'pin-wrong' });
    assert.deepEqual(await t.resolve('never'), { outcome: 'unknown', reference: 'never', reason: 'not-found' });
    t.setOnline(false);
    assert.deepEqual(await t.resolve('never'), { outcome: 'unknown', reference: 'never', reason: 'unreachable' });
  });

  test('abortableSleep resolves false at once when aborted', async () => {
    const ac = new AbortController();
    const p = abortableSleep(60_000, ac.signal);
    ac.abort();
    assert.equal(await p, false);
    assert.equal(await abortableSleep(0, new AbortController().signal), true);
  });
});
