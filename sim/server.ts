/**
 * The simulator's HTTP server: the SOAP endpoint (POST, `/nodo-auth/node-for-psp/v1` or `/`), the
 * admin API under /admin, and everything around a SOAP call the node's gateway does or could do
 * wrong: injected faults, the subscription key (APIM's 401), the body size limit (413).
 * No request, however malformed, may crash it: every path ends in an answer or a closed socket.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleSoap, rejectUnreadable, systemErrorReply, type DispatchContext, type SoapReply } from './dispatch';
import { soapActionOperation } from './operations';
import type { FaultInjector } from './fault-injection';
import type { LogEntry, RequestLog } from './log';
import type { SimClock } from './clock';
import type { AdminHandler } from './admin';

export const SOAP_PATH = '/nodo-auth/node-for-psp/v1';

export interface ServerDeps {
  dispatch: DispatchContext;
  log: RequestLog;
  faults: FaultInjector;
  clock: SimClock;
  subscriptionKey: string;
  maxBodyBytes: number;
  admin: AdminHandler;
}

// Azure API Management's answers, which is what the node's gateway is.
const KEY_MISSING = 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
const KEY_INVALID = 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';

export function createSimServer(deps: ServerDeps): Server {
  const server = createServer((req, res) => {
    handle(deps, req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { statusCode: 500, message: `simulator error: ${(e as Error).message}` });
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  // A client that stops sending must not hold a handler forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) return deps.admin(req, res, url);
  if (url.pathname !== SOAP_PATH && url.pathname !== '/') return sendJson(res, 404, { statusCode: 404, message: 'Resource not found' });
  if (req.method !== 'POST')
    return sendJson(res, 405, { statusCode: 405, message: 'Method not allowed: POST a SOAP envelope' }, { Allow: 'POST' });

  const soapAction = headerValue(req.headers.soapaction);
  const entry = deps.log.open(deps.clock.now(), soapAction);
  const decision = deps.faults.decide(soapActionOperation(soapAction));
  if (decision.applied.length > 0) entry.injected = decision.applied;
  if (decision.action === 'refuse') return void req.socket.destroy();
  // The body is read before any injected latency: a client that gives up while the node is slow
  // leaves a request the node still handles, as the real node does (a lost response, not a lost request).
  const body = await readBody(req, deps.maxBodyBytes);
  if (decision.latencyMs > 0) {
    entry.latencyMs = decision.latencyMs;
    await sleep(decision.latencyMs);
  }
  if (decision.action === 'http500' || decision.action === 'http503') {
    const status = decision.action === 'http500' ? 500 : 503;
    entry.httpStatus = status;
    return sendJson(
      res,
      status,
      { statusCode: status, message: status === 500 ? 'Internal server error' : 'Service unavailable' },
      { Connection: 'close' },
    );
  }
  const key = headerValue(req.headers['ocp-apim-subscription-key']);
  if (key !== deps.subscriptionKey) {
    entry.httpStatus = 401;
    return sendJson(res, 401, { statusCode: 401, message: key === undefined ? KEY_MISSING : KEY_INVALID });
  }

  if (body.kind === 'aborted') {
    entry.description = 'client closed the connection before the body ended';
    return;
  }
  if (body.kind === 'too-large') {
    entry.httpStatus = 413;
    sendJson(res, 413, { statusCode: 413, message: `Request body larger than ${deps.maxBodyBytes} bytes` }, { Connection: 'close' });
    if (!body.drained) res.on('finish', () => req.socket.destroy());
    return;
  }
  const op = soapActionOperation(soapAction);
  let reply: SoapReply;
  if (decision.action === 'system-error' || decision.action === 'node-fault') {
    if (!op) {
      entry.httpStatus = 500;
      return sendJson(res, 500, { statusCode: 500, message: 'Internal server error' });
    }
    reply = deps.faults.faultAnswer(decision, op, entry) ?? systemErrorReply(op, entry);
  } else {
    const text = decodeUtf8(body.bytes);
    reply =
      text === undefined
        ? rejectUnreadable(soapAction, 'the body is not UTF-8 text', entry)
        : await handleSoap(deps.dispatch, soapAction, text, entry);
    // Hostile answers (fault-injection.ts): the node did the work, the client is told something else.
    reply = deps.faults.rewrite(decision, op, reply, entry);
  }
  if (decision.action === 'drop-response') {
    // The lost response: the node did the work, the client never hears about it.
    delete entry.httpStatus;
    return void req.socket.destroy();
  }
  send(res, reply, entry);
}

type Body = { kind: 'ok'; bytes: Buffer } | { kind: 'too-large'; drained: boolean } | { kind: 'aborted' };

/**
 * Reads the body up to `limit` bytes. Beyond it the rest is read and discarded (so the client,
 * still sending, gets to see the 413) up to a hard cap, past which the connection is cut.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const hardCap = Math.max(limit * 16, 64 * 1024 * 1024);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > hardCap) return Promise.resolve({ kind: 'too-large', drained: false });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (b: Body) => {
      if (!settled) {
        settled = true;
        resolve(b);
      }
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > hardCap) {
        req.pause();
        settle({ kind: 'too-large', drained: false });
      }
    });
    req.on('end', () => settle(size > limit ? { kind: 'too-large', drained: true } : { kind: 'ok', bytes: Buffer.concat(chunks) }));
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => settle(req.complete ? { kind: 'ok', bytes: Buffer.concat(chunks) } : { kind: 'aborted' }));
  });
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function headerValue(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h.join(', ') : h;
}

function send(res: ServerResponse, reply: SoapReply, entry: LogEntry): void {
  entry.httpStatus = reply.status;
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
