/**
 * JSON over HTTP for tests that also block their event loop (spawnSync of the CLI): a fresh
 * connection per request. fetch keeps idle connections for reuse; while spawnSync blocks, the
 * server's keep-alive timeout (5 s) closes them unseen, and the next fetch fails with
 * "other side closed". Closing each connection after its answer removes that race.
 */
import { request } from 'node:http';

export function httpJson(url: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = request(
      url,
      {
        method: init.method ?? (body ? 'POST' : 'GET'),
        agent: false,
        headers: { connection: 'close', ...(body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
