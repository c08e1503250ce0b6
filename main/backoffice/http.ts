/**
 * The back office's web server (node:http): the dashboard page (dist/renderer/fleet.html and its
 * assets, under a strict Content-Security-Policy), a login, and the JSON API the page reads.
 *
 * Sessions: a random 32-byte id in a cookie (HttpOnly, SameSite=Strict, Path=/), held in memory for
 * SESSION_HOURS of inactivity; a restart logs everyone out. Every /api/ route but /api/login needs
 * one (401 otherwise). Requests that change something are POSTs with a JSON body: on top of
 * SameSite=Strict, a cross-site form cannot send `application/json`, so no CSRF token is needed.
 */
import { randomBytes } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Pool } from 'pg';
import { SportelloError } from '../../kernel/errors';
import type { OverviewView } from './api-types';
import { listConfigVersions, publishConfig } from './config-publisher';
import type { BackOfficeLog } from './log';
import { exportCsv, journalPage, listAlerts, listTerminals, romeToday, totals } from './reports';
import { checkLogin, validUserName } from './users';

export const SESSION_HOURS = 8;
export const COOKIE = 'sportello_fleet';
const MAX_BODY = 64 * 1024;

export const FLEET_CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface HttpOptions {
  pool: Pool;
  /** resend requests published since start (resend.ts), for the overview */
  resendRequested?: () => number;
  mqtt: MqttClient;
  prefix: string;
  staticDir: string;
  log: BackOfficeLog;
  host: string;
  port: number;
}

export interface BackOfficeHttp {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function startHttp(o: HttpOptions): Promise<BackOfficeHttp> {
  const sessions = new Map<string, { user: string; expires: number }>();
  const sessionOf = (req: IncomingMessage): { id: string; user: string } | null => {
    const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([0-9a-f]{64})(?:;|$)`).exec(req.headers.cookie ?? '');
    const s = m ? sessions.get(m[1]!) : undefined;
    if (!m || !s) return null;
    if (s.expires < Date.now()) {
      sessions.delete(m[1]!);
      return null;
    }
    s.expires = Date.now() + SESSION_HOURS * 3_600_000;
    return { id: m[1]!, user: s.user };
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (!path.startsWith('/api/')) return serveFile(req, res, o.staticDir, path === '/' ? '/fleet.html' : path);
    if (path === '/api/login') {
      const body = await jsonBody(req);
      const name = typeof body.name === 'string' ? body.name : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const verdict = validUserName(name) && password.length <= 1024 ? await checkLogin(o.pool, name, password) : 'wrong';
      if (verdict === 'locked') throw new HttpFailure(423, 'LOCKED', 'too many wrong passwords: try again later');
      if (verdict !== 'ok') {
        o.log.warn('fleet-login-refused', { user: name.slice(0, 64) });
        throw new HttpFailure(401, 'LOGIN_REFUSED', 'wrong user name or password');
      }
      const id = randomBytes(32).toString('hex');
      sessions.set(id, { user: name, expires: Date.now() + SESSION_HOURS * 3_600_000 });
      o.log.info('fleet-login', { user: name });
      return sendJson(res, 200, { user: name }, { 'Set-Cookie': `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/` });
    }
    const session = sessionOf(req);
    if (!session) throw new HttpFailure(401, 'LOGIN_REQUIRED', 'log in first');
    if (req.method === 'POST') {
      const body = await jsonBody(req);
      if (path === '/api/logout') {
        sessions.delete(session.id);
        return sendJson(res, 200, {}, { 'Set-Cookie': `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` });
      }
      if (path === '/api/config') {
        const r = await publishConfig(o.pool, o.mqtt, o.prefix, { target: body.target, settings: body.settings }, session.user);
        o.log.info('fleet-config-published', { user: session.user, version: r.version, topic: r.topic });
        return sendJson(res, 200, r);
      }
      throw new HttpFailure(404, 'NOT_FOUND', 'no such call');
    }
    if (req.method !== 'GET') throw new HttpFailure(405, 'METHOD_NOT_ALLOWED', 'GET or POST');
    if (path === '/api/me') return sendJson(res, 200, { user: session.user });
    if (path === '/api/overview') {
      const view: OverviewView = {
        now: new Date().toISOString(),
        user: session.user,
        terminals: await listTerminals(o.pool),
        alerts: await listAlerts(o.pool),
        resendRequests: o.resendRequested?.() ?? 0,
      };
      return sendJson(res, 200, view);
    }
    const jm = /^\/api\/terminals\/([A-Za-z0-9_.-]{1,35})\/journal$/.exec(path);
    if (jm) {
      const before = url.searchParams.get('before');
      if (before !== null && !/^\d{1,15}$/.test(before)) throw new HttpFailure(400, 'BAD_REQUEST', 'before is a sequence number');
      return sendJson(res, 200, await journalPage(o.pool, jm[1]!, before === null ? null : Number(before)));
    }
    if (path === '/api/totals') {
      const day = url.searchParams.get('day') ?? romeToday();
      if (!DAY.test(day)) throw new HttpFailure(400, 'BAD_REQUEST', 'day is YYYY-MM-DD');
      return sendJson(res, 200, await totals(o.pool, day));
    }
    if (path === '/api/config') return sendJson(res, 200, { versions: await listConfigVersions(o.pool) });
    if (path === '/api/export.csv') {
      const from = url.searchParams.get('from') ?? romeToday();
      const to = url.searchParams.get('to') ?? from;
      const creditor = url.searchParams.get('creditor') || null;
      if (!DAY.test(from) || !DAY.test(to)) throw new HttpFailure(400, 'BAD_REQUEST', 'from and to are YYYY-MM-DD');
      if (creditor !== null && !/^[A-Za-z0-9]{1,35}$/.test(creditor))
        throw new HttpFailure(400, 'BAD_REQUEST', 'creditor is a fiscal code');
      const csv = await exportCsv(o.pool, { from, to, creditor });
      res.writeHead(200, {
        ...BASE_HEADERS,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="payments-${from}-${to}${creditor ? `-${creditor}` : ''}.csv"`,
      });
      res.end(csv);
      return;
    }
    throw new HttpFailure(404, 'NOT_FOUND', 'no such call');
  };

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (e instanceof HttpFailure) return sendJson(res, e.status, { error: { code: e.code, message: e.message } });
      if (e instanceof SportelloError) return sendJson(res, 400, { error: { code: e.code, message: e.message } });
      o.log.error('fleet-http-failed', { path: req.url ?? '', message: (e as Error).message });
      sendJson(res, 500, { error: { code: 'INTERNAL', message: 'the back office failed: see its log' } });
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port, o.host, () => ok());
  });
  const port = (server.address() as { port: number }).port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (req.method !== 'POST') throw new HttpFailure(405, 'METHOD_NOT_ALLOWED', 'POST with a JSON body');
  if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
    throw new HttpFailure(415, 'UNSUPPORTED_MEDIA_TYPE', 'send application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_BODY) throw new HttpFailure(413, 'TOO_LARGE', 'body too large');
    chunks.push(c);
  }
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new HttpFailure(400, 'BAD_REQUEST', 'the body is not a JSON object');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...extra,
  });
  res.end(text);
}

/** The dashboard's page and its assets only: fleet.html and assets/ inside the built renderer. */
async function serveFile(req: IncomingMessage, res: ServerResponse, root: string, path: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpFailure(405, 'METHOD_NOT_ALLOWED', 'files are read with GET');
  let rel: string;
  try {
    rel = decodeURIComponent(path);
  } catch {
    throw new HttpFailure(404, 'NOT_FOUND', 'no such file');
  }
  if (rel.includes('\0') || !(rel === '/fleet.html' || rel.startsWith('/assets/'))) throw new HttpFailure(404, 'NOT_FOUND', 'no such file');
  const base = resolve(root);
  const file = resolve(base, `.${rel}`);
  let real: string;
  try {
    real = await realpath(file);
    if (!real.startsWith((await realpath(base)) + sep) || !(await stat(real)).isFile()) throw new Error('outside');
  } catch {
    throw new HttpFailure(
      404,
      'NOT_FOUND',
      rel === '/fleet.html' ? 'the dashboard is not built: npx vite build --config renderer/vite.config.ts' : 'no such file',
    );
  }
  const body = await readFile(real);
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': FLEET_CSP,
    'Content-Type': TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(body.length),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export const DEFAULT_STATIC_DIR = join('dist', 'renderer');
