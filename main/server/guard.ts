/**
 * Who may talk to the loopback server. Three checks, in this order, on every request and upgrade:
 * - Host is 127.0.0.1:<port> or localhost:<port> (a page on another name that resolves here, DNS
 *   rebinding, is refused: 421);
 * - Origin is absent (the CLI, tests, other non-browser clients) or exactly http://127.0.0.1:<port>
 *   (any other web page: 403);
 * - the per-start token, as `Authorization: Bearer <token>` or, for the WebSocket only (a browser
 *   cannot set headers there), as the `token` query parameter (401). Static files skip this one.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ContractError } from '../contract/result';

export const LOOPBACK = '127.0.0.1';

export type Verdict = { ok: true } | { ok: false; status: 401 | 403 | 421; error: ContractError };

const refuse = (status: 401 | 403 | 421, code: string, message: string): Verdict => ({ ok: false, status, error: { code, message } });

export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `${LOOPBACK}:${port}` || h === `localhost:${port}`;
}

export function ownOrigin(port: number): string {
  return `http://${LOOPBACK}:${port}`;
}

export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === ownOrigin(port);
}

/** Constant-time comparison (both sides hashed first, so their lengths match). */
export function tokensEqual(given: string, token: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(token));
}

export function presentedToken(req: IncomingMessage, allowQuery: boolean): string | null {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m ? m[1]! : null;
  }
  if (!allowQuery) return null;
  return new URL(req.url ?? '/', 'http://x').searchParams.get('token');
}

export function checkPlace(req: IncomingMessage, port: number): Verdict {
  if (!hostAllowed(req.headers.host, port))
    return refuse(421, 'HOST_REFUSED', 'this server answers only to 127.0.0.1 and localhost on its own port');
  const origin = req.headers.origin;
  if (!originAllowed(origin, port)) return refuse(403, 'ORIGIN_REFUSED', 'requests from other web pages are refused');
  return { ok: true };
}

export function checkToken(req: IncomingMessage, token: string, allowQuery: boolean): Verdict {
  const given = presentedToken(req, allowQuery);
  if (given === null) return refuse(401, 'TOKEN_REQUIRED', 'the server token is required');
  if (!tokensEqual(given, token)) return refuse(401, 'TOKEN_INVALID', 'the server token is wrong');
  return { ok: true };
}
