/**
 * The client side of the contract: the `ContractClient` every caller programs against (the
 * in-process API, the WebSocket client below, the Electron preload later), and the wire messages.
 * Browser-safe by rule: type-only imports and no node modules, so the renderer can bundle it.
 */
import type { CallName, RequestOf, ResponseOf } from './calls';
import type { EventName, EventPayload } from './events';
import type { CallResult, ContractError } from './result';

/** How a call is made: `auth` is the credential it presents (a technician or operator token); the gate checks it. */
export interface CallOptions {
  auth?: string | null;
}

export interface ContractClient {
  /** Resolves with the call's result; never rejects (a lost transport is TRANSPORT_CLOSED). */
  call<N extends CallName>(name: N, request: RequestOf<N>, options?: CallOptions): Promise<CallResult<ResponseOf<N>>>;
  /** Listens to a pushed event; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Client to server over the WebSocket. */
export interface CallMessage {
  id: number | string;
  call: string;
  request?: unknown;
  /** The caller's credential (technician or operator token), if any. */
  auth?: string;
}

/** Server to client: the answer to a call (id null when the message could not even be read), or an event. */
export type ServerMessage = { id: number | string | null; result: CallResult<unknown> } | { event: string; payload: unknown };

/** What the client needs of a WebSocket: the browser's and the `ws` package's both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface WebSocketClientOptions {
  /** ws://127.0.0.1:<port>/ws */
  url: string;
  /** The server's per-start token, sent as the `token` query parameter (a browser cannot set headers). */
  token?: string;
  /** Makes the socket; default the global WebSocket. Node callers pass one that sets the Authorization header. */
  connect?: (url: string) => SocketLike;
  /**
   * The credential every call presents unless its options give one (a signed-in operator's token).
   * It is also presented once as soon as the socket opens (`operator.whoami`), and `opened` waits for
   * that answer: the server pushes each socket only the events its caller may see.
   */
  auth?: string;
}

const OPEN = 1;

const closedError = (message: string): ContractError => ({ code: 'TRANSPORT_CLOSED', message, retryable: true });

/**
 * One connection, calls multiplexed by id. Calls made before the socket opens wait for it; when it
 * closes, waiting calls resolve with TRANSPORT_CLOSED and so do later ones (the shell reconnects by
 * making a new client: the token changes with every server start anyway).
 */
export class WebSocketClient implements ContractClient {
  private readonly socket: SocketLike;
  private readonly pending = new Map<number, (r: CallResult<unknown>) => void>();
  private readonly queued: string[] = [];
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();
  private readonly closeListeners = new Set<() => void>();
  private nextId = 1;
  private closed = false;
  private readonly auth: string | undefined;
  /** Resolves true once open (and `auth` presented), false if the socket closed first (refused token, server gone). */
  readonly opened: Promise<boolean>;

  constructor(opts: WebSocketClientOptions) {
    const url = opts.token ? `${opts.url}${opts.url.includes('?') ? '&' : '?'}token=${encodeURIComponent(opts.token)}` : opts.url;
    this.auth = opts.auth;
    const connect =
      opts.connect ?? ((u: string) => new (globalThis as unknown as { WebSocket: new (u: string) => SocketLike }).WebSocket(u));
    this.socket = connect(url);
    let settle: (open: boolean) => void = () => undefined;
    this.opened = new Promise((resolve) => (settle = resolve));
    this.socket.addEventListener('open', () => {
      if (!this.auth) settle(true);
      for (const m of this.queued.splice(0)) this.socket.send(m);
    });
    // Sent first of all (queued before any call), so the server knows whose events these are.
    if (this.auth) void this.call('operator.whoami', {}).then((r) => settle(r.ok || r.error.code !== 'TRANSPORT_CLOSED'));
    this.socket.addEventListener('message', (e) => this.receive(e.data));
    this.socket.addEventListener('close', () => {
      settle(false);
      this.shutDown('the connection to sportello closed');
    });
    this.socket.addEventListener('error', () => undefined); // 'close' follows and says it all
  }

  call<N extends CallName>(name: N, request: RequestOf<N>, options?: CallOptions): Promise<CallResult<ResponseOf<N>>> {
    if (this.closed) return Promise.resolve({ ok: false, error: closedError('the connection to sportello is closed') });
    const id = this.nextId++;
    const auth = options?.auth === undefined ? this.auth : options.auth;
    const text = JSON.stringify({ id, call: name, request, ...(auth ? { auth } : {}) } satisfies CallMessage);
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: CallResult<unknown>) => void);
      if (this.socket.readyState === OPEN) this.socket.send(text);
      else this.queued.push(text);
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Called once when the connection is gone for good. */
  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.socket.close(1000, 'client closed');
    this.shutDown('the client closed the connection');
  }

  private receive(data: unknown): void {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(String(data)) as ServerMessage;
    } catch {
      return; // not ours to answer: the server only sends JSON
    }
    if ('event' in msg) {
      for (const fn of this.listeners.get(msg.event) ?? []) {
        try {
          (fn as (p: unknown) => void)(msg.payload);
        } catch {
          // one listener's bug must not stop the others or the socket
        }
      }
      return;
    }
    if (typeof msg.id !== 'number') return;
    const resolve = this.pending.get(msg.id);
    this.pending.delete(msg.id);
    resolve?.(msg.result);
  }

  private shutDown(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.queued.length = 0;
    for (const resolve of this.pending.values()) resolve({ ok: false, error: closedError(reason) });
    this.pending.clear();
    for (const fn of this.closeListeners) fn();
  }
}
