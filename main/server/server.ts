/**
 * The loopback server: the contract over HTTP (`POST /api/<call>`) and a WebSocket (`/ws`), and
 * optionally the renderer's files, on 127.0.0.1 only, behind a token made fresh at every start.
 * See guard.ts for who may connect and README.md for the launch URL.
 */
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CoreApi } from '../api/core-api';
import { CONTRACT_CODES } from '../contract/result';
import { removeCoreAddress, writeCoreAddress } from './address';
import { ServerBindRefused, ServerListenFailed } from './errors';
import { checkPlace, checkToken, LOOPBACK } from './guard';
import type { Verdict } from './guard';
import { API_PREFIX, handleApi } from './http-api';
import { sendError } from './respond';
import { serveStatic } from './static';
import { createWsApi, WS_PATH } from './ws-api';

export interface ServerOptions {
  api: CoreApi;
  /** 0 (default) = any free port. */
  port?: number;
  /** Only 127.0.0.1 is accepted: anything else is refused with SERVER_BIND_REFUSED. */
  host?: string;
  /** The renderer's built files (index.html...), served with a strict CSP; none = API only. */
  staticDir?: string;
  /** Largest HTTP body or WebSocket message; default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * The data directory: once listening, the server leaves its address there (`core.json`, 0600,
   * address.ts) so `sportello` commands talk to this core, and removes it when it closes.
   */
  publishTo?: string;
}

export interface LoopbackServer {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** ws://127.0.0.1:<port>/ws */
  readonly wsUrl: string;
  /** 64 hex digits, new at every start. */
  readonly token: string;
  /** What a launcher opens: the page, with the token in the fragment (never sent to the server). */
  readonly launchUrl: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<LoopbackServer> {
  const host = opts.host ?? LOOPBACK;
  if (host !== LOOPBACK) throw new ServerBindRefused(host);
  const token = randomBytes(32).toString('hex');
  // The local owner's credential, only for whoever reads the address file (address.ts): never in a URL.
  const owner = opts.publishTo ? randomBytes(32).toString('hex') : null;
  const maxBodyBytes = opts.maxBodyBytes ?? 1024 * 1024;
  const ws = createWsApi(opts.api, maxBodyBytes);
  let port = opts.port ?? 0;

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const place = checkPlace(req, port);
    if (!place.ok) return refuse(res, place);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith(API_PREFIX)) {
      const auth = checkToken(req, token, false);
      if (!auth.ok) return refuse(res, auth);
      return handleApi(req, res, opts.api, maxBodyBytes, owner);
    }
    if (path === WS_PATH) return sendError(res, 426, 'UPGRADE_REQUIRED', 'this path speaks WebSocket', { Upgrade: 'websocket' });
    if (opts.staticDir) return serveStatic(req, res, opts.staticDir, port);
    return sendError(res, 404, 'NOT_FOUND', 'no such path');
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, CONTRACT_CODES.internal, 'internal error');
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let verdict: Verdict = checkPlace(req, port);
    if (verdict.ok) verdict = checkToken(req, token, true);
    if (!verdict.ok) return rejectUpgrade(socket, verdict.status, verdict.error);
    if (path !== WS_PATH) return rejectUpgrade(socket, 404, { code: 'NOT_FOUND', message: 'the WebSocket is at /ws' });
    ws.wss.handleUpgrade(req, socket, head, (client) => ws.wss.emit('connection', client, req));
  });

  await new Promise<void>((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException) => reject(new ServerListenFailed(port, e.code ?? e.message, e));
    server.once('error', failed);
    server.listen(port, LOOPBACK, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;
  const url = `http://${LOOPBACK}:${port}`;
  const publishTo = opts.publishTo;
  if (publishTo && owner) {
    try {
      writeCoreAddress(publishTo, { pid: process.pid, url, token, owner, startedAt: new Date().toISOString() });
    } catch (e) {
      server.closeAllConnections();
      server.close();
      await ws.close();
      throw e;
    }
  }

  let closing: Promise<void> | null = null;
  return {
    port,
    url,
    wsUrl: `ws://${LOOPBACK}:${port}${WS_PATH}`,
    token,
    launchUrl: `${url}/#token=${token}`,
    close() {
      closing ??= (async () => {
        // The address first: from now on a command opens the database itself (once this core let it go).
        if (publishTo) removeCoreAddress(publishTo, token);
        await ws.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

function refuse(res: ServerResponse, v: Extract<Verdict, { ok: false }>): void {
  sendError(res, v.status, v.error.code, v.error.message, v.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
}

function rejectUpgrade(socket: Duplex, status: number, error: { code: string; message: string }): void {
  const body = JSON.stringify({ ok: false, error });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
