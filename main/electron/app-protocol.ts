/**
 * The window loads the renderer from `app://sportello/`, not from file:// (security checklist
 * item 18): a standard, secure scheme gives the page a real origin ('self' in the CSP means
 * something, and IPC senders can be told apart from anything else), and only files inside the
 * built renderer's folder are ever answered.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { ELECTRON_CSP } from './csp';
import { locateStaticFile } from '../server/static';

export const APP_SCHEME = 'app';
export const APP_HOST = 'sportello';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Registered before the app is ready (main.cjs does it, with these same values; a unit test
 * compares them). No bypassCSP, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

/** Whether a URL belongs to our app: the scheme and host compared after URL parsing, never by prefix. */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a request names inside root, or null when it is not ours or would leave root. */
export async function locateAppFile(root: string, url: string): Promise<string | null> {
  if (!isAppUrl(url)) return null;
  return locateStaticFile(resolve(root), new URL(url).pathname);
}

const plain = (status: number, text: string): Response =>
  new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': ELECTRON_CSP } });

/** The protocol handler: GET and HEAD of the renderer's files, each with the CSP. */
export function appFileHandler(root: string): (request: { url: string; method: string }) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'files are read with GET');
    const file = await locateAppFile(root, request.url);
    if (!file) return plain(404, 'no such file');
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': ELECTRON_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}
