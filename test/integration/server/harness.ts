// A real core (demo mode: its own simulator on loopback, SQLite in a temp folder) behind the real
// loopback server, and raw HTTP/WebSocket helpers that can send what browsers would refuse to.
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import { createCoreApi } from '../../../main/api/core-api';
import type { CoreApi, CoreApiOptions } from '../../../main/api/core-api';
import { WebSocketClient } from '../../../main/contract';
import type { ContractClient, EventName, EventPayload } from '../../../main/contract';
import { startServer } from '../../../main/server';
import type { LoopbackServer } from '../../../main/server';
import { DEMO_OPERATOR_PIN, DEMO_SUPERVISOR, DEMO_SUPERVISOR_PIN } from '../../../main/services/access/operators';
import { DEFAULT_PIN as DEMO_TECHNICIAN_PIN } from '../../../main/services/access/pin';

type T = { after(fn: () => unknown): void };

export interface Served {
  core: Core;
  api: CoreApi;
  server: LoopbackServer;
  dir: string;
  /** POST /api/<call> with the token, as the CLI would; `credential` goes in the Sportello-Auth header. */
  call(name: string, body?: unknown, credential?: string): Promise<Reply>;
  /** A WebSocketClient authenticated with the Authorization header (a Node client can set it), presenting `credential` with every call. */
  client(credential?: string): WebSocketClient;
  /** A credential of that role, signed in over HTTP with the demo accounts (demo mode only). */
  signIn(role: 'operator' | 'supervisor' | 'technician'): Promise<string>;
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export async function serve(
  t: T,
  opts: { env?: Record<string, string>; dir?: string; retrySlotMs?: number; staticDir?: string; api?: CoreApiOptions } = {},
): Promise<Served> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'sportello-server-'));
  const core = await startCore({
    env: { SPORTELLO_DATA_DIR: dir, ...opts.env },
    ...(opts.retrySlotMs ? { retrySlotMs: opts.retrySlotMs } : {}),
  });
  const api = createCoreApi(core, opts.api);
  const server = await startServer({ api, ...(opts.staticDir ? { staticDir: opts.staticDir } : {}) });
  const clients: WebSocketClient[] = [];
  // One hook, in order: clients, server, API, core, then the files they used.
  t.after(async () => {
    for (const c of clients) c.close();
    await server.close();
    api.close();
    await api.closed();
    await core.close();
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  });
  const auth = { Authorization: `Bearer ${server.token}` };
  return {
    core,
    api,
    server,
    dir,
    call: (name, body = {}, credential) =>
      send(server.port, {
        method: 'POST',
        path: `/api/${name}`,
        headers: { ...auth, 'Content-Type': 'application/json', ...(credential ? { 'Sportello-Auth': credential } : {}) },
        body: JSON.stringify(body),
      }),
    client(credential) {
      const c = new WebSocketClient({
        url: server.wsUrl,
        connect: (url) => new WebSocket(url, { headers: auth }),
        ...(credential ? { auth: credential } : {}),
      });
      clients.push(c);
      return c;
    },
    async signIn(role) {
      const [name, body] =
        role === 'technician'
          ? ['technician.unlock', { pin: DEMO_TECHNICIAN_PIN }]
          : [
              'operator.login',
              role === 'supervisor'
                ? { operatorId: DEMO_SUPERVISOR, pin: DEMO_SUPERVISOR_PIN }
                : { operatorId: 'mrossi', pin: DEMO_OPERATOR_PIN },
            ];
      const r = await send(server.port, {
        method: 'POST',
        path: `/api/${name}`,
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = r.json as { ok: boolean; value?: { auth: string; mustChangePin?: boolean }; error?: { code: string } };
      if (!json.ok || !json.value) throw new Error(`sign-in as ${role} failed: ${json.error?.code}`);
      // A configured terminal takes the default technician PIN only to set a new one.
      if (json.value.mustChangePin) {
        await send(server.port, {
          method: 'POST',
          path: '/api/technician.changePin',
          headers: { ...auth, 'Content-Type': 'application/json', 'Sportello-Auth': json.value.auth },
          body: JSON.stringify({ currentPin: DEMO_TECHNICIAN_PIN, newPin: '97531' }),
        });
      }
      return json.value.auth;
    },
  };
}

/** One raw HTTP request to 127.0.0.1 with exactly these headers (Host included when given). */
export function send(
  port: number,
  r: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: r.method ?? 'GET', path: r.path, headers: r.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON (a static file)
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Tries a WebSocket upgrade: the HTTP status of a refusal, or 101 when it opened (then closes it). */
export function upgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    ws.on('error', (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}

/** Resolves with the first payload of `event` that satisfies `pred` (events only: no clock involved). */
export function nextEvent<E extends EventName>(
  source: Pick<ContractClient, 'on'>,
  event: E,
  pred: (p: EventPayload<E>) => boolean = () => true,
): Promise<EventPayload<E>> {
  return new Promise((resolve) => {
    const off = source.on(event, (p) => {
      if (!pred(p)) return;
      off();
      resolve(p);
    });
  });
}

export const QR_TARI = 'PAGOPA|002|301020250000000129|77777777777|12000';
export const QR_CANTEEN = 'PAGOPA|002|301020250000000230|77777777777|4550';
export const QR_PERMIT = 'PAGOPA|002|301020250000000331|77777777777|25000';
