/**
 * The contract client the screens use. In Electron the preload exposes one as `window.sportello`
 * (call and on, through IPC); in a browser the page talks to the loopback server over its
 * WebSocket with the token it was opened with. Screens never know which: they get a ContractClient.
 */
import type { ContractClient } from '../../main/contract/client';
import { WebSocketClient } from '../../main/contract/client';
import type { Launch } from './launch';

export interface Connection {
  client: ContractClient;
  /** Calls fn once when the link to the core is gone for good; returns the unsubscribe. */
  onLost(fn: () => void): () => void;
  /** 'ipc' in Electron, 'websocket' in a browser. */
  transport: 'ipc' | 'websocket';
}

function isContractClient(value: unknown): value is ContractClient {
  const c = value as Partial<ContractClient> | null | undefined;
  return typeof c === 'object' && c !== null && typeof c.call === 'function' && typeof c.on === 'function';
}

export function connect(win: Window, launch: Launch): Connection {
  const injected = (win as Window & { sportello?: unknown }).sportello;
  if (isContractClient(injected)) return { client: injected, onLost: () => () => undefined, transport: 'ipc' };
  const proto = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocketClient({ url: `${proto}//${win.location.host}/ws`, ...(launch.token ? { token: launch.token } : {}) });
  return { client: ws, onLost: (fn) => ws.onClose(fn), transport: 'websocket' };
}

/**
 * The same client, presenting `auth` (a signed-in operator's or technician's token) with every call
 * unless the call gives its own. The core's gate decides what the token may do; screens under a
 * sign-in get this client from ClientProvider and never handle the token themselves.
 */
export function withCredential(client: ContractClient, auth: string): ContractClient {
  return {
    call: (name, request, options) => client.call(name, request, { auth, ...options }),
    on: (event, listener) => client.on(event, listener),
  };
}
