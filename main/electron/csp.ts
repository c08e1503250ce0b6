/**
 * The Content-Security-Policy of the Electron window (security checklist item 7). The renderer
 * talks to the core over IPC only, so it needs no network at all: scripts, styles, fonts and its
 * own files from the app's origin, images also as data: URLs (certificate previews), nothing else.
 * It goes out twice: as a header on every response of the session (onHeadersReceived) and on every
 * file the app protocol serves, so no page of ours is ever without it.
 */
import type { Session } from 'electron';

export const ELECTRON_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

type Headers = Record<string, string | string[]>;

/** The response's headers with our CSP in place of any the response brought (any spelling of the name). */
export function withCsp(headers: Record<string, string[]> | undefined): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [ELECTRON_CSP];
  return out;
}

export type HeadersSession = Pick<Session, 'webRequest'>;

export function installCsp(session: HeadersSession): void {
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));
}
