/**
 * The renderer's files, for the browser-kiosk shell: GET/HEAD only, inside `staticDir` only (no
 * `..`, no symlink out), `/` is index.html. Every file goes out with a strict Content-Security-Policy:
 * scripts, styles and connections from this origin only, no inline script, no framing.
 * These files hold no secret, so they need no token; the page reads the token from the URL
 * fragment (`#token=`), which browsers never send to a server.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { LOOPBACK } from './guard';
import { BASE_HEADERS, sendError } from './respond';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ws://${LOOPBACK}:${port}`,
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The file a URL path names inside root, or null when it would leave it (`..`, encoded separators,
 * NUL, a symlink pointing out). Shared with the Electron shell's app:// protocol.
 */
export async function locateStaticFile(root: string, urlPath: string): Promise<string | null> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  let file = resolve(root, `.${path}`);
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const real = await realpath(file);
    const realRoot = await realpath(root);
    return real.startsWith(realRoot + sep) && (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, port: number): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'files are read with GET', { Allow: 'GET, HEAD' });
  const file = await locateStaticFile(resolve(root), new URL(req.url ?? '/', 'http://x').pathname);
  if (!file) return sendError(res, 404, 'NOT_FOUND', 'no such file');
  const body = await readFile(file);
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Security-Policy': contentSecurityPolicy(port),
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
