// The IPC door: who may call (the sending frame), what may be sent (the contract's schemas), and
// where events go. A recording dispatcher stands in for the core here; shell.test.ts runs the
// same channel against a real core.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { handleCall, IPC_CHANNEL_LIST, IPC_CHANNELS, isOwnFrame, registerIpc, SENDER_REFUSED } from '../../../../main/electron/ipc';
import type { EventTarget, IpcRegistrar } from '../../../../main/electron/ipc';
import type { EventName } from '../../../../main/contract/events';
import type { CallResult } from '../../../../main/contract/result';
import { FakeContents, FakeFrame, FakeIpcMain } from '../../../support/fake-electron';

const SESSION_ID = '0123456789abcdef0123456789abcdef';

function recorder() {
  const calls: Array<{ name: unknown; request: unknown }> = [];
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const dispatch = async (name: unknown, request: unknown): Promise<CallResult<unknown>> => {
    calls.push({ name, request });
    return { ok: true, value: { echoed: name } };
  };
  return {
    calls,
    emit: (event: EventName, payload: unknown) => listeners.forEach((l) => l(event, payload)),
    listenerCount: () => listeners.size,
    api: {
      dispatch,
      // The core filters events per connection (test/integration/security/events.test.ts); this one passes all.
      connect(deliver: (event: EventName, payload: unknown) => void) {
        listeners.add(deliver);
        return { dispatch, forget: () => undefined, close: () => void listeners.delete(deliver) };
      },
    },
  };
}

const own = new FakeFrame('app://sportello/index.html#mode=counter');

describe('sender frame', () => {
  test('only the top frame of our app is trusted', () => {
    assert.equal(isOwnFrame(own), true);
    assert.equal(isOwnFrame(null), false);
    assert.equal(isOwnFrame(undefined), false);
    assert.equal(isOwnFrame(new FakeFrame('app://sportello/index.html', own)), false, 'a subframe, even of ours');
    for (const url of [
      'https://evil.example/',
      'file:///app/dist/renderer/index.html',
      'app://evil/index.html',
      'devtools://devtools/',
      'about:blank',
    ]) {
      assert.equal(isOwnFrame(new FakeFrame(url)), false, url);
    }
  });

  test('a call from a foreign frame is refused before the core sees it', async () => {
    const r = recorder();
    for (const frame of [new FakeFrame('https://evil.example/'), new FakeFrame('app://sportello/', own), null]) {
      const result = await handleCall(r.api, frame, { call: 'system.info', request: {} });
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, SENDER_REFUSED);
    }
    assert.equal(r.calls.length, 0);
  });
});

describe('message validation', () => {
  test('malformed envelopes are REQUEST_INVALID', async () => {
    const r = recorder();
    for (const message of [
      null,
      undefined,
      'system.info',
      42,
      [],
      {},
      { call: 7 },
      { call: '' },
      { call: 'system.info', request: {}, extra: 1 },
      { name: 'system.info' },
      { call: 'x'.repeat(500) },
    ]) {
      const result = await handleCall(r.api, own, message);
      assert.equal(result.ok, false, JSON.stringify(message));
      assert.equal(!result.ok && result.error.code, 'REQUEST_INVALID', JSON.stringify(message));
    }
    assert.equal(r.calls.length, 0);
  });

  test('an unknown call is CALL_UNKNOWN (prototype names included)', async () => {
    const r = recorder();
    for (const call of ['no.such.call', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const result = await handleCall(r.api, own, { call });
      assert.equal(!result.ok && result.error.code, 'CALL_UNKNOWN', call);
    }
    assert.equal(r.calls.length, 0);
  });

  test("a request its call's schema refuses is REQUEST_INVALID and never dispatched", async () => {
    const r = recorder();
    const bad: Array<[string, unknown]> = [
      ['session.get', {}],
      ['session.get', { sessionId: 42 }],
      ['session.get', { sessionId: SESSION_ID, evil: true }],
      ['session.tender', { sessionId: SESSION_ID, method: 'cash', givenCents: 12.5 }],
      ['session.tender', { sessionId: SESSION_ID, method: 'bitcoin' }],
      ['system.info', { anything: 1 }],
      ['system.info', 'not an object'],
      ['outbox.retry', { messageId: -1 }],
    ];
    for (const [call, request] of bad) {
      const result = await handleCall(r.api, own, { call, request });
      assert.equal(result.ok, false, `${call} ${JSON.stringify(request)}`);
      assert.equal(!result.ok && result.error.code, 'REQUEST_INVALID', `${call} ${JSON.stringify(request)}`);
      assert.ok(!result.ok && Array.isArray(result.error.details?.issues), 'the issues say what is wrong');
    }
    assert.equal(r.calls.length, 0);
  });

  test('a valid call reaches the core unchanged, and its result comes back', async () => {
    const r = recorder();
    const result = await handleCall(r.api, own, {
      call: 'session.tender',
      request: { sessionId: SESSION_ID, method: 'cash', givenCents: 2000 },
    });
    assert.deepEqual(result, { ok: true, value: { echoed: 'session.tender' } });
    assert.deepEqual(await handleCall(r.api, own, { call: 'system.info' }), { ok: true, value: { echoed: 'system.info' } });
    assert.deepEqual(r.calls, [
      { name: 'session.tender', request: { sessionId: SESSION_ID, method: 'cash', givenCents: 2000 } },
      { name: 'system.info', request: {} },
    ]);
  });
});

describe('channels', () => {
  test('one list: call and event, nothing else is handled', () => {
    assert.deepEqual([...IPC_CHANNEL_LIST].sort(), ['sportello:call', 'sportello:event']);
    const ipc = new FakeIpcMain();
    const r = recorder();
    registerIpc(ipc as unknown as IpcRegistrar, r.api, () => []);
    assert.deepEqual([...ipc.handlers.keys()], [IPC_CHANNELS.call]);
    assert.deepEqual(ipc.onChannels, [], 'no fire-and-forget listeners');
  });

  test('the registered handler checks the sender and the message', async () => {
    const ipc = new FakeIpcMain();
    const r = recorder();
    registerIpc(ipc as unknown as IpcRegistrar, r.api, () => []);
    const refused = (await ipc.invoke(IPC_CHANNELS.call, new FakeFrame('https://evil.example/'), {
      call: 'system.info',
    })) as CallResult<unknown>;
    assert.equal(!refused.ok && refused.error.code, SENDER_REFUSED);
    const invalid = (await ipc.invoke(IPC_CHANNELS.call, own, {
      call: 'session.get',
      request: { sessionId: 'x'.repeat(65) },
    })) as CallResult<unknown>;
    assert.equal(!invalid.ok && invalid.error.code, 'REQUEST_INVALID');
    const fine = (await ipc.invoke(IPC_CHANNELS.call, own, { call: 'outbox.status', request: {} })) as CallResult<unknown>;
    assert.equal(fine.ok, true);
    assert.deepEqual(
      r.calls.map((c) => c.name),
      ['outbox.status'],
    );
  });

  test('events go to our window only, and stop when unregistered', () => {
    const ipc = new FakeIpcMain();
    const r = recorder();
    const ours = new FakeContents();
    ours.mainFrame = own;
    const navigatedAway = new FakeContents();
    navigatedAway.mainFrame = new FakeFrame('https://evil.example/');
    const gone = new FakeContents();
    gone.mainFrame = own;
    gone.destroyed = true;
    const stop = registerIpc(ipc as unknown as IpcRegistrar, r.api, () => [ours, navigatedAway, gone] as unknown as EventTarget[]);
    r.emit('outbox.status', { depth: 1 });
    assert.deepEqual(ours.sent, [{ channel: IPC_CHANNELS.event, message: { event: 'outbox.status', payload: { depth: 1 } } }]);
    assert.deepEqual(navigatedAway.sent, []);
    assert.deepEqual(gone.sent, []);
    stop();
    assert.equal(ipc.handlers.size, 0);
    assert.equal(r.listenerCount(), 0);
  });
});
