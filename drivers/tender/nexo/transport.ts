/**
 * One HTTP exchange with the terminal's local endpoint, told apart the way the exactly-once rule needs:
 * `not-sent` (no connection: the terminal never saw the request), `lost` (connected, then no complete
 * answer: the terminal may have acted on it) and `answer`.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { checkServerIdentity, connect as tlsConnect } from 'node:tls';
import { TenderConfigInvalid } from '../errors';

export type Exchange = { kind: 'answer'; status: number; body: string } | { kind: 'not-sent'; why: string } | { kind: 'lost'; why: string };

export interface TerminalTls {
  /** PEM of the CA that signs the terminal's certificate (the terminal maker's root). */
  ca?: string;
  /** The terminal certificate's SHA-256 fingerprint (`AB:CD:...`): pins this one terminal. */
  fingerprint256?: string;
  /** The name in the terminal's certificate (e.g. its POIID), checked when no fingerprint pins it. */
  serverName?: string;
}

export interface Endpoint {
  url: URL;
  tls: TerminalTls;
  connectTimeoutMs: number;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', '::1']);

/** https with a CA or a fingerprint; plain http only to loopback and only when asked (the simulator). */
export function endpoint(url: string, opts: { insecureLoopback?: boolean; tls?: TerminalTls; connectTimeoutMs?: number }): Endpoint {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TenderConfigInvalid('the terminal address is not a URL', { url });
  }
  const tls = opts.tls ?? {};
  if (u.protocol === 'http:') {
    if (!opts.insecureLoopback || !LOOPBACK.has(u.hostname))
      throw new TenderConfigInvalid('plain http is allowed only to 127.0.0.1 or ::1 with insecureLoopback (the simulator)', { url });
  } else if (u.protocol === 'https:') {
    if (!tls.ca && !tls.fingerprint256)
      throw new TenderConfigInvalid("a terminal over https needs its CA or its certificate's fingerprint", { url });
  } else {
    throw new TenderConfigInvalid('the terminal address must be https:// (or http:// to the loopback simulator)', { url });
  }
  return { url: u, tls, connectTimeoutMs: opts.connectTimeoutMs ?? 5000 };
}

function normalizeFingerprint(f: string): string {
  return f.replace(/:/g, '').toUpperCase();
}

/**
 * The TLS connection to the terminal, verified before a single byte of a request is written: the
 * pinned fingerprint is compared here (Node ignores a `checkServerIdentity` failure when
 * `rejectUnauthorized` is off, which a pin without a CA needs), the CA chain and the name by TLS.
 */
function connectTls(ep: Endpoint): Promise<{ socket: TLSSocket } | { error: string }> {
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host: ep.url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(ep.url.port || 443),
      ...(ep.tls.ca ? { ca: ep.tls.ca } : {}),
      rejectUnauthorized: Boolean(ep.tls.ca),
      checkServerIdentity: (host: string, cert: PeerCertificate) =>
        ep.tls.fingerprint256 ? undefined : checkServerIdentity(ep.tls.serverName ?? host, cert),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ error: 'connect timeout' });
    }, ep.connectTimeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const pin = ep.tls.fingerprint256;
      if (pin && normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? '') !== normalizeFingerprint(pin)) {
        socket.destroy();
        return resolve({ error: 'the terminal certificate does not match the configured fingerprint' });
      }
      resolve({ socket });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ error: err.code ?? err.message });
    });
  });
}

export async function post(ep: Endpoint, body: string, answerTimeoutMs: number): Promise<Exchange> {
  let tlsSocket: TLSSocket | null = null;
  if (ep.url.protocol === 'https:') {
    const c = await connectTls(ep);
    if ('error' in c) return { kind: 'not-sent', why: c.error };
    tlsSocket = c.socket;
  }
  return new Promise((resolve) => {
    let settled = false;
    let connected = tlsSocket !== null;
    let answerTimer: NodeJS.Timeout | undefined;
    const finish = (e: Exchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(answerTimer);
      resolve(e);
    };
    const startAnswerClock = () => {
      connected = true;
      clearTimeout(connectTimer);
      answerTimer = setTimeout(() => {
        finish({ kind: 'lost', why: `no answer within ${answerTimeoutMs} ms` });
        req.destroy();
      }, answerTimeoutMs);
    };
    const options = { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } };
    // The verified TLS socket carries the request; plain http (the loopback simulator) opens its own.
    const verified = tlsSocket;
    const req = verified
      ? httpsRequest(ep.url, { ...options, createConnection: () => verified }) // no agent: only then is createConnection used
      : httpRequest(ep.url, { ...options, agent: false });
    const connectTimer = setTimeout(() => {
      if (!connected) {
        finish({ kind: 'not-sent', why: 'connect timeout' });
        req.destroy();
      }
    }, ep.connectTimeoutMs);
    if (tlsSocket) startAnswerClock();
    else req.on('socket', (socket) => socket.once('connect', startAnswerClock));
    req.on('error', (err: NodeJS.ErrnoException) => {
      finish(connected ? { kind: 'lost', why: err.code ?? err.message } : { kind: 'not-sent', why: err.code ?? err.message });
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish({ kind: 'answer', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err: NodeJS.ErrnoException) => finish({ kind: 'lost', why: err.code ?? err.message }));
      res.on('aborted', () => finish({ kind: 'lost', why: 'answer cut short' }));
    });
    req.end(body);
  });
}
