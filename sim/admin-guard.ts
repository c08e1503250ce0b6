/**
 * Who may use the admin API. It has no authentication (it is a test tool on loopback), so a web page
 * open in a browser on the same machine must not reach it: a cross-origin `text/plain` POST is a
 * "simple" request the browser sends without asking, and DNS rebinding gives a foreign name this
 * address. The same two checks as the app's loopback server (written again here: sim/ stands alone):
 * - Host must name this server: 127.0.0.1, localhost or [::1] with its port, or the address it was
 *   told to listen on (421 otherwise);
 * - Origin, when a browser sends one, must be one of those same origins (403 otherwise).
 * Non-browser clients (curl, tests, the app's core) send no Origin and the right Host.
 */
import type { IncomingMessage } from 'node:http';

export type AdminVerdict = { ok: true } | { ok: false; status: 403 | 421; error: string };

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** The host:port values this server answers to, lowercase. */
export function allowedHosts(listenHost: string, port: number): Set<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const h = listenHost.toLowerCase();
  if (!WILDCARDS.has(h)) names.push(h.includes(':') ? `[${h}]` : h);
  return new Set(names.map((n) => `${n}:${port}`));
}

export function checkAdminRequest(req: IncomingMessage, listenHost: string, port: number): AdminVerdict {
  const hosts = allowedHosts(listenHost, port);
  const host = req.headers.host?.toLowerCase();
  if (!host || !hosts.has(host)) {
    return { ok: false, status: 421, error: `the admin API answers only to ${[...hosts].join(', ')}` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.has(originHost(origin))) {
    return { ok: false, status: 403, error: 'requests from other web pages are refused' };
  }
  return { ok: true };
}

/** host:port of an http origin, '' for anything else (another scheme, "null", garbage). */
function originHost(origin: string): string {
  const m = /^http:\/\/([^/?#]+)$/i.exec(origin.trim());
  return m ? (m[1] as string).toLowerCase() : '';
}
