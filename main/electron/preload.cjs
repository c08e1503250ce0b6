'use strict';
/*
 * The page's only door to the core: `window.sportello`, with exactly two functions, the
 * ContractClient of main/contract/client.ts:
 *   call(name, request, { auth }?) -> Promise<{ ok: true, value } | { ok: false, error }>  (never rejects;
 *     auth: the technician or operator token the core's gate checks)
 *   on(event, listener) -> function that stops listening
 * A sandboxed preload can require only 'electron' (and a few polyfills), so this file is plain
 * CommonJS and repeats the channel names of ipc.ts (a unit test keeps the two equal). Nothing of
 * Electron reaches the page: not ipcRenderer, not the IPC event object, only the payload.
 */
const { contextBridge, ipcRenderer } = require('electron');

const CHANNELS = { call: 'sportello:call', event: 'sportello:event' };

const listeners = new Map();
let subscribed = false;

function deliver(_event, message) {
  if (!message || typeof message.event !== 'string') return;
  const set = listeners.get(message.event);
  if (!set) return;
  for (const fn of Array.from(set)) {
    try {
      fn(message.payload);
    } catch {
      // one listener's bug must not stop the others
    }
  }
}

function closed(message) {
  return { ok: false, error: { code: 'TRANSPORT_CLOSED', message, retryable: true } };
}

const api = {
  call(name, request, options) {
    if (typeof name !== 'string') {
      return Promise.resolve({ ok: false, error: { code: 'REQUEST_INVALID', message: '(call): the call name must be a string' } });
    }
    const message = request === undefined ? { call: name } : { call: name, request };
    const auth = options && typeof options === 'object' ? options.auth : undefined;
    if (typeof auth === 'string' && auth.length > 0) message.auth = auth;
    return ipcRenderer.invoke(CHANNELS.call, message).catch(() => closed('the connection to sportello closed'));
  },
  on(event, listener) {
    if (typeof event !== 'string' || typeof listener !== 'function')
      throw new TypeError('on(event, listener): an event name and a function');
    if (!subscribed) {
      ipcRenderer.on(CHANNELS.event, deliver);
      subscribed = true;
    }
    const set = listeners.get(event) || new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('sportello', Object.freeze(api));
