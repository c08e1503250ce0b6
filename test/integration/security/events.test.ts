// Pushed events by role: every screen used to hear every session update. Now each transport client
// is one connection of the core, and the core's emit (main/api/audience.ts) decides what
// reaches it: a kiosk socket hears kiosk sessions and the ones it started, never a counter payment;
// an operator's socket hears the counter; a technician's everything; a signed-out operator's socket
// falls back to the kiosk's view. No timing: events on one socket arrive in the order the core
// emitted them, so an event of a later session marks that every earlier one would have arrived.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionState } from '../../../main/contract';
import type { WebSocketClient } from '../../../main/contract';
import { registerIpc, IPC_CHANNELS } from '../../../main/electron/ipc';
import type { EventTarget, IpcRegistrar } from '../../../main/electron/ipc';
import { APP_ORIGIN } from '../../../main/electron/app-protocol';
import { nextEvent, QR_TARI, serve } from '../server/harness';
import type { Served } from '../server/harness';
import { FakeContents, FakeFrame, FakeIpcMain } from '../../support/fake-electron';
import { value } from './harness';

/** Every session id a client heard about, in order. */
function heard(c: WebSocketClient): string[] {
  const ids: string[] = [];
  c.on('session.updated', (s: SessionState) => ids.push(s.id));
  return ids;
}

/** A counter payment's cart: started, a notice verified, cancelled (every step pushes an update). */
async function counterCart(client: Pick<WebSocketClient, 'call'>, auth?: string): Promise<string> {
  const opts = auth ? { auth } : undefined;
  const id = value(await client.call('session.start', { kind: 'counter' }, opts)).id;
  value(await client.call('session.addNotice', { sessionId: id, text: QR_TARI }, opts));
  value(await client.call('session.cancel', { sessionId: id }, opts));
  return id;
}

/** A kiosk session started and cancelled by `kiosk`; resolves once `listener` heard it cancelled. */
async function kioskMark(s: Served, kiosk: WebSocketClient, listeners: WebSocketClient[]): Promise<string> {
  const id = value(await kiosk.call('session.start', { kind: 'kiosk' })).id;
  const seen = listeners.map((l) => nextEvent(l, 'session.updated', (p) => p.id === id && p.status === 'cancelled'));
  value(await s.call('session.cancel', { sessionId: id }).then((r) => r.json as never));
  await Promise.all(seen);
  return id;
}

describe('issue 11: pushed events by role', { timeout: 120_000 }, () => {
  test("a kiosk WebSocket does not receive a counter session's update; the operator's and the technician's do", async (t) => {
    const s = await serve(t);
    const op = await s.signIn('operator');
    const tech = await s.signIn('technician');
    const kiosk = s.client();
    const forged = s.client('made-up-credential');
    const operator = s.client(op);
    const technician = s.client(tech);
    for (const c of [kiosk, forged, operator, technician]) assert.equal(await c.opened, true);
    const kioskHeard = heard(kiosk);
    const forgedHeard = heard(forged);
    const operatorHeard = heard(operator);
    const technicianHeard = heard(technician);

    // the operator's counter payment, over the operator's own socket
    const counter = await counterCart(operator);
    // then a kiosk session: once every socket heard it, every earlier event has arrived too
    const mark = await kioskMark(s, kiosk, [kiosk, forged, operator, technician]);

    assert.ok(!kioskHeard.includes(counter), 'the kiosk socket heard a counter payment');
    assert.ok(!forgedHeard.includes(counter), 'a made-up credential is the kiosk');
    assert.ok(operatorHeard.includes(counter), 'the operator hears the counter');
    assert.ok(technicianHeard.includes(counter), 'the technician hears everything');
    for (const ids of [kioskHeard, forgedHeard, operatorHeard, technicianHeard])
      assert.ok(ids.includes(mark), 'kiosk sessions reach every screen');

    // A CLI run (in process) is the technician's only.
    const cli = value(await s.api.call('session.start', { kind: 'cli' })).id;
    value(await s.api.call('session.cancel', { sessionId: cli }));
    await kioskMark(s, kiosk, [kiosk, operator, technician]);
    assert.ok(technicianHeard.includes(cli));
    assert.ok(!operatorHeard.includes(cli) && !kioskHeard.includes(cli));
  });

  test('a socket hears the counter session it started itself; a signed-out operator hears the counter no more', async (t) => {
    const s = await serve(t);
    const op = await s.signIn('operator');
    const anonymous = s.client();
    const operator = s.client(op);
    const watcher = s.client();
    for (const c of [anonymous, operator, watcher]) assert.equal(await c.opened, true);
    const anonymousHeard = heard(anonymous);
    const operatorHeard = heard(operator);
    const watcherHeard = heard(watcher);

    // a counter session started without a credential: its own socket hears it, another kiosk socket does not
    const own = await counterCart(anonymous);
    await kioskMark(s, watcher, [anonymous, operator, watcher]);
    assert.ok(anonymousHeard.includes(own));
    assert.ok(!watcherHeard.includes(own));
    assert.ok(operatorHeard.includes(own), 'a counter session, for the counter');

    // signed out: the operator's token is gone, and so is the counter's view
    value(await operator.call('operator.logout', {}));
    const later = await counterCart({ call: (n, r) => s.api.call(n, r) });
    await kioskMark(s, watcher, [anonymous, operator, watcher]);
    assert.ok(!operatorHeard.includes(later), 'a signed-out socket heard a counter payment');
  });

  test('the Electron window of a kiosk hears no counter payment; the window that signs in does', async (t) => {
    const s = await serve(t);
    const ipc = new FakeIpcMain();
    const window = new FakeContents();
    window.mainFrame = new FakeFrame(`${APP_ORIGIN}/index.html#mode=kiosk`);
    const stop = registerIpc(ipc as unknown as IpcRegistrar, s.api, () => [window] as unknown as EventTarget[]);
    t.after(stop);
    const sessions = () =>
      window.sent
        .filter((m) => m.channel === IPC_CHANNELS.event && (m.message as { event: string }).event === 'session.updated')
        .map((m) => (m.message as { payload: SessionState }).payload.id);

    // in process (the local owner): a counter session, then a kiosk one as the mark
    const counter = await counterCart({ call: (n, r) => s.api.call(n, r) });
    const mark = value(await s.api.call('session.start', { kind: 'kiosk' })).id;
    value(await s.api.call('session.cancel', { sessionId: mark }));
    assert.ok(sessions().includes(mark), 'kiosk sessions reach the window');
    assert.ok(!sessions().includes(counter), 'the kiosk window heard a counter payment');

    // the window presents an operator's credential: from then on it hears the counter
    const op = await s.signIn('operator');
    const frame = new FakeFrame(`${APP_ORIGIN}/index.html#mode=counter`);
    value((await ipc.invoke(IPC_CHANNELS.call, frame, { call: 'operator.whoami', request: {}, auth: op })) as never);
    const next = await counterCart({ call: (n, r) => s.api.call(n, r) });
    assert.ok(sessions().includes(next));
  });
});
