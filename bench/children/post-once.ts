/**
 * The baseline of figure 4: a process started the same way as the terminal (same Node, same
 * loader), which POSTs one ready-made outcome envelope and exits. BENCH_URL, BENCH_BODY (a file),
 * BENCH_HEADERS (JSON) say what to send.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

const url = new URL(process.env.BENCH_URL ?? '');
const body = readFileSync(process.env.BENCH_BODY ?? '');
const headers = JSON.parse(process.env.BENCH_HEADERS ?? '{}') as Record<string, string | number>;
const req = http.request({ method: 'POST', hostname: url.hostname, port: url.port, path: url.pathname, headers }, (res) => {
  res.resume();
  res.on('end', () => process.exit(res.statusCode === 200 ? 0 : 1));
});
req.on('error', () => process.exit(2));
req.end(body);
