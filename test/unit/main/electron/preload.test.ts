// The sandboxed preload, run as Electron would run it (CommonJS, its own global, `require` able
// to give only 'electron'), against a fake contextBridge and ipcRenderer: what the page gets is
// window.sportello with call and on, and nothing of Electron.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { IPC_CHANNELS } from '../../../../main/electron/ipc';

const PRELOAD = new URL('../../../../main/electron/preload.cjs', import.meta.url);

interface Exposed {
  call(name: unknown, request?: unknown): Promise<unknown>;
  on(event: unknown, fn: unknown): () => void;
}

function loadPreload(invoke: (channel: string, message: unknown) => Promise<unknown> = async () => ({ ok: true, value: null })) {
  const exposed = new Map<string, unknown>();
  const required: string[] = [];
  const invoked: Array<{ channel: string; message: unknown }> = [];
  const rendererListeners = new Map<string, Array<(event: unknown, message: unknown) => void>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, message: unknown) => {
        invoked.push({ channel, message });
        return invoke(channel, message);
      },
      on: (channel: string, fn: (event: unknown, message: unknown) => void) => {
        rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), fn]);
      },
      send: () => assert.fail('the preload must not send fire-and-forget messages'),
      sendSync: () => assert.fail('the preload must not block on sendSync'),
    },
  };
  const require = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`module not found: ${name} (a sandboxed preload cannot load it)`);
    return electron;
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(PRELOAD, 'utf8'), { require, module, exports: module.exports, Promise, Map, Set, Array, Object, TypeError });
  /** What the main process sending an event looks like from here. */
  const push = (message: unknown) => {
    for (const fn of rendererListeners.get(IPC_CHANNELS.event) ?? []) fn({ sender: 'the ipcRenderer event, never for the page' }, message);
  };
  return { exposed, required, invoked, rendererListeners, push };
}

describe('preload', () => {
  test('requires only electron and exposes only window.sportello with call and on', () => {
    const p = loadPreload();
    assert.deepEqual(p.required, ['electron']);
    assert.deepEqual([...p.exposed.keys()], ['sportello']);
    const api = p.exposed.get('sportello') as Record<string, unknown>;
    assert.deepEqual(Object.keys(api).sort(), ['call', 'on']);
    assert.equal(typeof api.call, 'function');
    assert.equal(typeof api.on, 'function');
    assert.ok(Object.isFrozen(api));
  });

  test('uses the channel names of ipc.ts', () => {
    const source = readFileSync(PRELOAD, 'utf8');
    const m = /const CHANNELS = (\{[^}]*\});/.exec(source);
    assert.ok(m, 'CHANNELS not found in preload.cjs');
    assert.deepEqual(JSON.parse(JSON.stringify(runInNewContext(`(${m[1]})`))), { ...IPC_CHANNELS });
  });

  test('call invokes the call channel with the envelope and returns its result', async () => {
    const p = loadPreload(async (_c, message) => ({ ok: true, value: message }));
    const api = p.exposed.get('sportello') as Exposed;
    const r = await api.call('session.get', { sessionId: 'abc' });
    // Objects made inside the preload's own global: compared as JSON (their prototypes differ).
    assert.deepEqual(JSON.parse(JSON.stringify(p.invoked)), [
      { channel: IPC_CHANNELS.call, message: { call: 'session.get', request: { sessionId: 'abc' } } },
    ]);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), { ok: true, value: { call: 'session.get', request: { sessionId: 'abc' } } });
    await api.call('system.info');
    assert.deepEqual(JSON.parse(JSON.stringify(p.invoked[1])), { channel: IPC_CHANNELS.call, message: { call: 'system.info' } });
  });

  test('call never rejects: a broken channel is TRANSPORT_CLOSED, a bad name REQUEST_INVALID', async () => {
    const p = loadPreload(() => Promise.reject(new Error('Error invoking remote method: the window is gone')));
    const api = p.exposed.get('sportello') as Exposed;
    const closed = JSON.parse(JSON.stringify(await api.call('system.info', {})));
    assert.equal(closed.ok, false);
    assert.equal(closed.error.code, 'TRANSPORT_CLOSED');
    const bad = JSON.parse(JSON.stringify(await api.call(42, {})));
    assert.equal(bad.error.code, 'REQUEST_INVALID');
    assert.equal(p.invoked.length, 1, 'a non-string name never reaches IPC');
  });

  test('on delivers only its event, only the payload, and stops when asked', () => {
    const p = loadPreload();
    const api = p.exposed.get('sportello') as Exposed;
    assert.equal(p.rendererListeners.size, 0, 'nothing is listened to before the page asks');
    const got: unknown[][] = [];
    const stop = api.on('outbox.status', (...args: unknown[]) => got.push(args));
    api.on('node.status', () => assert.fail('another event'));
    assert.deepEqual([...p.rendererListeners.keys()], [IPC_CHANNELS.event]);
    p.push({ event: 'outbox.status', payload: { depth: 2 } });
    p.push({ event: 'session.updated', payload: {} });
    p.push('garbage');
    p.push(null);
    assert.deepEqual(got, [[{ depth: 2 }]]);
    stop();
    p.push({ event: 'outbox.status', payload: { depth: 3 } });
    assert.equal(got.length, 1);
    assert.throws(() => api.on('outbox.status', 'not a function'), TypeError);
  });

  test("one listener's exception does not stop the others", () => {
    const p = loadPreload();
    const api = p.exposed.get('sportello') as Exposed;
    const got: unknown[] = [];
    api.on('node.status', () => {
      throw new Error('bug in a screen');
    });
    api.on('node.status', (payload: unknown) => got.push(payload));
    p.push({ event: 'node.status', payload: { state: 'reachable' } });
    assert.deepEqual(got, [{ state: 'reachable' }]);
  });
});
