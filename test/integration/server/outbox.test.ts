// The outbox through the contract: a node that keeps failing parks the outcome (stalled), staff see
// it in the status event and the list, and bring it back with retry or reset. The node's state is
// pushed as it changes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallResult } from '../../../main/contract';
import { nextEvent, QR_PERMIT, QR_TARI, serve } from './harness';

const value = <T>(r: CallResult<T>): T => {
  if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('the outbox over the contract', { timeout: 60_000 }, () => {
  test('stalled outcomes are shown, then retried (counter kept) or reset (counter 0) until the node takes them', async (t) => {
    // A short retry slot so five failed attempts take a fraction of a second instead of minutes.
    const s = await serve(t, { retrySlotMs: 20 });
    // Payments by a signed-in operator; the retry and reset are the technician's (the core's gate).
    const ws = s.client(await s.signIn('operator'));
    const tech = { auth: await s.signIn('technician') };
    const sim = s.core.sim!;
    const pay = async (qr: string) => {
      const id = value(await ws.call('session.start', {})).id;
      value(await ws.call('session.addNotice', { sessionId: id, text: qr }));
      value(await ws.call('session.activate', { sessionId: id }));
      value(await ws.call('session.tender', { sessionId: id, method: 'card' }));
      return id;
    };
    // The gateway answers 503 to every outcome: no answer from the node, five attempts, then parked.
    sim.injectFaults({ kind: 'http503', primitive: 'sendPaymentOutcomeV2' });
    const unreachable = nextEvent(ws, 'node.status', (n) => n.state === 'unreachable');
    const oneStalled = nextEvent(ws, 'outbox.status', (o) => o.stalled === 1);
    const first = await pay(QR_TARI);
    const status = await oneStalled;
    assert.equal(status.depth, 1);
    assert.ok(status.oldestDeadlineMs !== null && status.oldestDeadlineMs > Date.now());
    assert.equal((await unreachable).lastErrorCode, 'NODE_HTTP_ERROR');
    const twoStalled = nextEvent(ws, 'outbox.status', (o) => o.stalled === 2);
    const second = await pay(QR_PERMIT);
    await twoStalled;

    // Stalled ones wait in their own state; the engine's probe may have one pending or in flight meanwhile.
    const listed = value(await ws.call('outbox.list', { states: ['pending', 'stalled', 'in-flight'] })).messages;
    assert.equal(listed.length, 2);
    assert.ok(
      listed.some((m) => m.stalled),
      'at least the one not being probed is stalled',
    );
    for (const m of listed) {
      // five attempts, then the engine probes the node with the message whose token ends first
      assert.ok(m.attempts >= 5, String(m.attempts));
      assert.equal(m.lastErrorCode, 'HTTP_503');
    }
    const [m2, m1] = listed; // newest first
    assert.equal(m1!.sessionId, first);
    assert.equal(m2!.sessionId, second);
    assert.equal(value(await ws.call('session.get', { sessionId: first })).status, 'outcome-pending');

    // With the node still failing: reset makes the second due now with its counter at 0; retry makes
    // the first due now with its counter kept. (The engine's probe may have the first in flight for a
    // moment: then the retry is refused as not pending, and tried again once the probe is answered.)
    const reset = value(await ws.call('outbox.reset', { messageId: m2!.id }, tech));
    assert.equal(reset.stalled, false);
    assert.equal(reset.attempts, 0);
    let retried = await ws.call('outbox.retry', { messageId: m1!.id }, tech);
    while (!retried.ok) {
      assert.equal(retried.error.code, 'OUTBOX_NOT_PENDING');
      assert.equal(retried.error.details?.state, 'in-flight');
      await nextEvent(ws, 'outbox.status');
      retried = await ws.call('outbox.retry', { messageId: m1!.id }, tech);
    }
    assert.equal(retried.value.stalled, false);
    assert.ok(retried.value.attempts >= 5, `counter kept (${retried.value.attempts})`);

    // The node is back: whatever is still parked is retried; the first answer releases the rest by itself,
    // so a retry may find its message already on the way.
    sim.clearFaults();
    const done = Promise.all([first, second].map((id) => nextEvent(ws, 'session.updated', (p) => p.id === id && p.status === 'completed')));
    for (const m of value(await ws.call('outbox.list', { states: ['pending', 'stalled', 'parked'] })).messages) {
      const r = await ws.call('outbox.retry', { messageId: m.id }, tech);
      if (!r.ok) assert.equal(r.error.code, 'OUTBOX_NOT_PENDING');
    }
    await done;
    for (const m of [m1!, m2!]) {
      const attempts = value(await ws.call('outbox.attempts', { messageId: m.id })).attempts;
      assert.equal(attempts.at(-1)?.result, 'accepted');
      assert.ok(attempts.slice(0, -1).every((a) => a.result === 'http-error'));
      assert.equal(new Set(attempts.map((a) => a.idempotencyKey)).size, 1, 'never answered: every resend kept the key');
    }
    // The counter (what the retry limit counts) restarted at the reset; the history kept everything.
    const after = value(await ws.call('outbox.list', { states: ['accepted'] })).messages;
    const history = (id: number) => ws.call('outbox.attempts', { messageId: id }).then((r) => value(r).attempts.length);
    assert.equal(after.find((m) => m.id === m2!.id)?.attempts, (await history(m2!.id)) - m2!.attempts);
    assert.equal(after.find((m) => m.id === m1!.id)?.attempts, await history(m1!.id));
    assert.deepEqual(value(await ws.call('outbox.status', {})), {
      depth: 0,
      inFlight: 0,
      needsDecision: 0,
      oldestDeadlineMs: null,
      stalled: 0,
      parked: 0,
    });
    assert.equal(value(await ws.call('node.status', {})).state, 'reachable');

    // Settled messages cannot be retried; unknown ones are named.
    const settled = await ws.call('outbox.retry', { messageId: m1!.id }, tech);
    assert.equal(!settled.ok && settled.error.code, 'OUTBOX_NOT_PENDING');
    const unknown = await ws.call('outbox.reset', { messageId: 999 }, tech);
    assert.equal(!unknown.ok && unknown.error.code, 'OUTBOX_MESSAGE_NOT_FOUND');
  });
});
