/**
 * The baseline for anything that talks HTTP: one POST of ready-made bytes over a keep-alive agent,
 * the answer collected as bytes and nothing else (no decoding, no parsing, no error typing). What a
 * client costs is its time minus this, measured in the same run.
 */
import http from 'node:http';

export interface RawAnswer {
  status: number;
  body: Buffer;
}

/** Pool settings matching main/node's client, so both sides reuse one socket the same way. */
export function rawAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 16, maxFreeSockets: 4, timeout: 30_000 });
}

export function rawPost(agent: http.Agent, url: URL, headers: Record<string, string | number>, body: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ method: 'POST', hostname: url.hostname, port: url.port, path: url.pathname, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
