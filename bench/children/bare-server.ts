/**
 * Figure 7's baseline process: started the same way as sportello (same Node, same TypeScript
 * loader), it serves one page with one input on loopback and prints its address as the launcher
 * does (`open: URL`); then waits for SIGTERM.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const PAGE =
  '<!doctype html><html lang="it"><meta charset="utf-8"><title>bare</title><body><input name="operator" autofocus></body></html>';
const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE));
server.listen(0, '127.0.0.1', () => {
  console.log(`open: http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
