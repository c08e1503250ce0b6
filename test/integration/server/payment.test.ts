// A whole payment through the loopback API, as the renderer and the CLI make it: calls over HTTP
// and over the WebSocket, the session's progress pushed as events until the node took the outcome.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallResult, SessionState } from '../../../main/contract';
import { nextEvent, QR_PERMIT, QR_TARI, serve } from './harness';

const value = <T>(r: CallResult<T>): T => {
  if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('a payment over the loopback API', { timeout: 60_000 }, () => {
  test('start, scan, activate, tender over HTTP; the WebSocket pushes the session until completed', async (t) => {
    const s = await serve(t);
    const op = await s.signIn('operator');
    const ws = s.client(op);
    assert.equal(await ws.opened, true);
    const updates: SessionState[] = [];
    ws.on('session.updated', (p) => updates.push(p));
    const reachable = nextEvent(ws, 'node.status', (n) => n.state === 'reachable');

    const started = await s.call('session.start', { kind: 'counter', operatorId: 'op-7' }, op);
    assert.equal(started.status, 200);
    const session = value(started.json as CallResult<SessionState>);
    assert.equal(session.status, 'cart');
    const id = session.id;

    const added = value(
      (await s.call('session.addNotice', { sessionId: id, text: QR_TARI }, op)).json as CallResult<{
        session: SessionState;
        warnings: unknown[];
      }>,
    );
    assert.equal(added.session.notices[0]?.phase, 'verified');
    assert.equal(added.session.notices[0]?.verification?.amountCents, 12000);
    assert.deepEqual(added.warnings, []);
    assert.equal((await reachable).lastErrorCode, null);

    const activated = value((await s.call('session.activate', { sessionId: id }, op)).json as CallResult<SessionState>);
    assert.equal(activated.status, 'activated');
    const token = activated.notices[0]?.activation?.paymentToken;
    assert.ok(token);

    // The fee is the demo configuration's flat 1.50 EUR; the change is given - due, in cents.
    const quote = value(
      (await s.call('session.quote', { sessionId: id, method: 'cash', givenCents: 20000 }, op)).json as CallResult<Record<string, number>>,
    );
    assert.deepEqual(quote, { method: 'cash', noticesCents: 12000, feeCents: 150, dueCents: 12150, givenCents: 20000, changeCents: 7850 });

    const completed = nextEvent(ws, 'session.updated', (p) => p.id === id && p.status === 'completed');
    const tendered = value(
      (await s.call('session.tender', { sessionId: id, method: 'cash', givenCents: 20000 }, op)).json as CallResult<SessionState>,
    );
    assert.ok(['outcome-pending', 'completed'].includes(tendered.status));
    const done = await completed;
    assert.equal(done.notices[0]?.phase, 'accepted');
    assert.equal(done.tender?.changeCents, 7850);

    // Every pushed state was a state of this session, in the engine's order.
    const seen = updates.filter((u) => u.id === id).map((u) => u.status);
    assert.deepEqual([...new Set(seen)], ['cart', 'activating', 'activated', 'outcome-pending', 'completed']);

    // The node has it: the simulator's position is paid.
    assert.equal(s.core.sim?.position('77777777777', '301020250000000129')?.status, 'paid');

    // Found again by notice number and by token; the outbox is empty; the journal holds and verifies.
    const byNotice = value(await ws.call('sessions.search', { noticeNumber: '301020250000000129' }));
    assert.deepEqual(
      byNotice.sessions.map((x) => x.id),
      [id],
    );
    // The signed-in operator, not the name the request gave.
    assert.equal(byNotice.sessions[0]?.operatorId, 'mrossi');
    const byToken = value(await ws.call('sessions.search', { paymentToken: token }));
    assert.deepEqual(
      byToken.sessions.map((x) => x.id),
      [id],
    );
    assert.deepEqual(value(await ws.call('sessions.search', { paymentToken: 'no-such-token' })).sessions, []);
    assert.ok(value(await ws.call('sessions.list', {})).sessions.some((x) => x.id === id && x.tender?.dueCents === 12150));
    const messages = value(await ws.call('outbox.list', { sessionId: id })).messages;
    assert.deepEqual(
      messages.map((m) => [m.outcome, m.state, m.paymentToken]),
      [['OK', 'accepted', token]],
    );
    assert.equal(value(await ws.call('outbox.attempts', { messageId: messages[0]!.id })).attempts[0]?.result, 'accepted');
    assert.deepEqual(value(await ws.call('outbox.status', {})), {
      depth: 0,
      inFlight: 0,
      needsDecision: 0,
      oldestDeadlineMs: null,
      stalled: 0,
      parked: 0,
    });
    const sup = { auth: await s.signIn('supervisor') };
    const verified = value(await ws.call('journal.verify', {}, sup));
    assert.equal(verified.ok, true);
    const entries = value(await ws.call('journal.list', { limit: 1000 }, sup)).entries;
    assert.ok(entries.some((e) => e.kind === 'tender-submitted' && e.sessionId === id));
    const csv = value(await ws.call('journal.exportCsv', {}, sup));
    assert.equal(csv.count, entries.length);
    assert.equal(csv.csv.trimEnd().split('\r\n').length, entries.length + 1);
    assert.match(csv.filename, /^sportello-journal-DEMO01-1-\d+\.csv$/);
  });

  test('a bad reading is a typed PAYLOAD_INVALID with reason and i18n key; typed entry and removal work', async (t) => {
    const s = await serve(t);
    const op = await s.signIn('operator');
    const ws = s.client(op);
    const id = value(await ws.call('session.start', {})).id;
    const link = await ws.call('session.addNotice', { sessionId: id, text: 'https://pagopa.example/pay?PAGOPA|002|1' });
    assert.equal(link.ok, false);
    if (!link.ok) {
      assert.equal(link.error.code, 'PAYLOAD_INVALID');
      assert.equal(link.error.details?.reason, 'looks-like-url');
      assert.equal(link.error.details?.messageKey, 'payload:error.looks-like-url');
    }
    const typed = value(
      await ws.call('session.addNotice', {
        sessionId: id,
        manual: { fiscalCode: '777 777 777 77', noticeNumber: '3010 2025 0000 0002 30' },
      }),
    );
    assert.equal(typed.session.notices[0]?.ref.source, 'manual');
    assert.equal(typed.session.notices[0]?.verification?.amountCents, 4550);
    const two = value(await ws.call('session.addNotice', { sessionId: id, text: QR_PERMIT }));
    assert.equal(two.session.notices.length, 2);
    const removed = value(await ws.call('session.removeNotice', { sessionId: id, noticeId: 1 }));
    assert.deepEqual(
      removed.notices.map((n) => n.id),
      [2],
    );
    // the engine's refusals come back typed, with their codes
    const again = await ws.call('session.removeNotice', { sessionId: id, noticeId: 1 });
    assert.equal(!again.ok && again.error.code, 'EVENT_INVALID');
    const cancelled = value(await ws.call('session.cancel', { sessionId: id }));
    assert.equal(cancelled.status, 'cancelled');
    const late = await ws.call('session.activate', { sessionId: id });
    assert.equal(!late.ok && late.error.code, 'EVENT_NOT_ALLOWED');
    const missing = await ws.call('session.get', { sessionId: 'no-such-session' });
    assert.equal(!missing.ok && missing.error.code, 'SESSION_NOT_FOUND');
  });

  test('a refused cash tender says why, and a refund is recorded after the node refused the OK', async (t) => {
    const s = await serve(t);
    const op = await s.signIn('operator');
    const ws = s.client(op);
    const id = value(await ws.call('session.start', {})).id;
    value(await ws.call('session.addNotice', { sessionId: id, text: QR_TARI }));
    value(await ws.call('session.activate', { sessionId: id }));
    const short = await ws.call('session.tender', { sessionId: id, method: 'cash', givenCents: 100 });
    assert.equal(!short.ok && short.error.code, 'TENDER_INVALID');
    // The node's token lapses (its clock moves on 31 minutes) and another payment closes the notice:
    // the node refuses our OK, and the customer is owed a refund.
    s.core.sim!.advanceClock(31 * 60_000);
    const other = value(await ws.call('session.start', {})).id;
    value(await ws.call('session.addNotice', { sessionId: other, text: QR_TARI }));
    value(await ws.call('session.activate', { sessionId: other }));
    const otherDone = nextEvent(ws, 'session.updated', (p) => p.id === other && p.status === 'completed');
    value(await ws.call('session.tender', { sessionId: other, method: 'card' }));
    await otherDone;
    const refund = nextEvent(ws, 'session.updated', (p) => p.id === id && p.status === 'refund-required');
    value(await ws.call('session.tender', { sessionId: id, method: 'card' }));
    const state = await refund;
    assert.equal(state.notices[0]?.phase, 'refund-required');
    const decided = await ws.call('session.decide', { sessionId: id, decision: 'refund' });
    assert.equal(!decided.ok && decided.error.code, 'EVENT_NOT_ALLOWED', 'nothing to decide: the node settled it');
    const refunded = value(await ws.call('session.recordRefund', { sessionId: id, note: 'card refund, ref 4471' }));
    assert.equal(refunded.status, 'refunded');
  });
});
