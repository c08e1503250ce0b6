// A real HTTP(S) server on 127.0.0.1 (port 0) standing in for the node: each test scripts its
// behaviour (answer, stay silent, reset) and reads back what arrived and how many connections it saw.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { NodeClientConfig } from '../../../main/node';

export const PASSWORD = 'password01';
export const KEY = 'apim-key-0123456789';

export function clientConfig(endpoint: string, more: Partial<NodeClientConfig> = {}): NodeClientConfig {
  return {
    endpoint,
    subscriptionKey: KEY,
    idPSP: 'ABI12345',
    idBrokerPSP: '12345678901',
    idChannel: '12345678901_01',
    password: PASSWORD,
    ...more,
  };
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Stub {
  url: string;
  port: number;
  /** TCP connections accepted so far */
  readonly connections: number;
  readonly requests: ReceivedRequest[];
}

export type StubHandler = (req: IncomingMessage, body: string, res: ServerResponse, index: number) => void;

export async function startStub(
  t: { after(fn: () => void | Promise<void>): void },
  handler: StubHandler,
  tls?: { key: string; cert: string },
): Promise<Stub> {
  const requests: ReceivedRequest[] = [];
  let connections = 0;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, body, res, requests.length - 1);
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, onRequest) : http.createServer(onRequest);
  server.on(tls ? 'secureConnection' : 'connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/nodo-auth/node-for-psp/v1`,
    port,
    get connections() {
      return connections;
    },
    requests,
  };
}

/** Answers with a SOAP body and status. */
export function reply(res: ServerResponse, body: string, status = 200, contentType = 'text/xml; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** A port where nothing listens: bound, then closed. */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
