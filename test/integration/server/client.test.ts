// The WebSocketClient the renderer uses, over the real server: token as a query parameter (as a
// browser must send it), events, and what callers get when the connection is refused or goes away.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { WebSocketClient } from '../../../main/contract';
import { nextEvent, serve } from './harness';

describe('WebSocketClient', { timeout: 60_000 }, () => {
  test('a browser-style client (token in the query, own Origin) calls and hears events; calls made before open wait for it', async (t) => {
    const s = await serve(t);
    const origin = `http://127.0.0.1:${s.server.port}`;
    // `ws` with only an Origin header: what a page served by this server sends.
    const c = new WebSocketClient({ url: s.server.wsUrl, token: s.server.token, connect: (url) => new WebSocket(url, { origin }) });
    t.after(() => c.close());
    const early = c.call('system.info', {});
    const info = await early;
    assert.equal(info.ok && info.value.mode, 'demo');
    const started = await c.call('session.start', {});
    assert.ok(started.ok);
    const updated = nextEvent(c, 'session.updated');
    assert.ok((await c.call('session.cancel', { sessionId: started.value.id })).ok);
    const pushed = await updated;
    assert.equal(pushed.id, started.value.id);
    assert.equal(pushed.status, 'cancelled');
    // several calls at once come back to their own callers
    const ids = await Promise.all([1, 2, 3].map(() => c.call('session.start', {})));
    assert.equal(new Set(ids.map((r) => (r.ok ? r.value.id : r.error.code))).size, 3);
  });

  test('a refused token: opened is false and calls resolve TRANSPORT_CLOSED instead of throwing', async (t) => {
    const s = await serve(t);
    const c = new WebSocketClient({ url: s.server.wsUrl, token: 'f'.repeat(64), connect: (url) => new WebSocket(url) });
    const pending = c.call('system.info', {});
    assert.equal(await c.opened, false);
    const r = await pending;
    assert.equal(!r.ok && r.error.code, 'TRANSPORT_CLOSED');
    const later = await c.call('outbox.status', {});
    assert.equal(!later.ok && later.error.code, 'TRANSPORT_CLOSED');
  });

  test('when the server stops, the client is told once and its calls resolve TRANSPORT_CLOSED', async (t) => {
    const s = await serve(t);
    const c = s.client();
    assert.equal(await c.opened, true);
    let closes = 0;
    const closed = new Promise<void>((resolve) => c.onClose(() => (closes++, resolve())));
    await s.server.close();
    await closed;
    const r = await c.call('session.start', {});
    assert.equal(!r.ok && r.error.code, 'TRANSPORT_CLOSED');
    c.close();
    assert.equal(closes, 1);
  });
});
