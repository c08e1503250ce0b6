/**
 * One HTTP POST with one deadline for the whole exchange (connect, send, wait, read), turning every
 * way it can fail into a typed error with a precise `sent` flag:
 *
 * - before the connection is up (TCP `connect`, or TLS `secureConnect` for https) on a fresh socket,
 *   no byte of the request has left: `NodeUnreachable` (sent=false);
 * - once the socket is up, or when a keep-alive socket is reused, the request may have reached the
 *   node: a reset or close is `NodeNoResponse('connection-lost')`, the deadline `NodeNoResponse('timeout')`.
 *   A reused socket that the server had just closed looks exactly like that, and is treated so.
 */
import http from 'node:http';
import https from 'node:https';
import { TLSSocket } from 'node:tls';
import { NodeBadResponse } from '../protocol/errors';
import type { Primitive } from '../protocol/primitives';
import { NodeNoResponse, NodeUnreachable, type UnreachableReason } from './errors';

export interface HttpAnswer {
  status: number;
  body: string;
  bytes: number;
}

export interface PostOptions {
  primitive: Primitive;
  url: URL;
  agent: http.Agent;
  headers: Record<string, string | number>;
  body: Buffer;
  timeoutMs: number;
  maxResponseBytes: number;
  /** for error details (no secrets) */
  endpointForLogs: string;
}

const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|HOSTNAME_MISMATCH)/;

function unreachableReason(code: string | undefined): UnreachableReason {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return 'dns';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return 'unreachable';
    case 'ETIMEDOUT':
      return 'connect-timeout';
    default:
      return code !== undefined && TLS_CODE.test(code) ? 'tls' : 'other';
  }
}

export function postSoap(o: PostOptions): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const p = o.primitive;
    const base = { endpoint: o.endpointForLogs };
    let settled = false;
    /** the request may have left: a reused socket, or a fresh one that finished connecting */
    let connected = false;
    let reused = false;
    // One deadline for connect + send + wait + read; `finish` exists by the time it fires.
    const timer = setTimeout(() => {
      finish(
        connected
          ? new NodeNoResponse(p, 'timeout', { ...base, timeoutMs: o.timeoutMs, reusedSocket: reused })
          : new NodeUnreachable(p, 'connect-timeout', { ...base, timeoutMs: o.timeoutMs }),
      );
    }, o.timeoutMs);

    const lib = o.url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    try {
      req = lib.request({
        method: 'POST',
        protocol: o.url.protocol,
        hostname: o.url.hostname.replace(/^\[|\]$/g, ''),
        port: o.url.port || undefined,
        path: `${o.url.pathname}${o.url.search}`,
        agent: o.agent,
        headers: o.headers,
      });
    } catch (e) {
      // Rejected before any socket exists (bad header value, closed agent...): nothing left.
      settled = true;
      clearTimeout(timer);
      reject(new NodeUnreachable(p, 'other', { ...base, errno: (e as NodeJS.ErrnoException).code ?? null }, e));
      return;
    }

    const finish = (err: Error | undefined, answer?: HttpAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        reject(err);
      } else {
        resolve(answer!);
      }
    };

    const lost = (cause?: unknown): Error => {
      const code = (cause as NodeJS.ErrnoException | undefined)?.code;
      if (!connected) return new NodeUnreachable(p, unreachableReason(code), { ...base, errno: code ?? null }, cause);
      return new NodeNoResponse(p, 'connection-lost', { ...base, errno: code ?? null, reusedSocket: reused }, cause);
    };

    req.on('socket', (socket) => {
      if (req.reusedSocket) {
        reused = true;
        connected = true;
        return;
      }
      const tls = socket instanceof TLSSocket;
      if (!tls && !socket.connecting) {
        connected = true;
        return;
      }
      socket.once(tls ? 'secureConnect' : 'connect', () => {
        connected = true;
      });
    });

    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > o.maxResponseBytes) {
          finish(new NodeBadResponse(p, 'too-large', `more than ${o.maxResponseBytes} bytes`, { status: res.statusCode }));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), bytes }));
      res.on('error', (e) => finish(lost(e)));
      res.on('close', () => {
        if (!res.complete) finish(lost());
      });
    });

    req.on('error', (e) => finish(lost(e)));
    req.end(o.body);
  });
}
