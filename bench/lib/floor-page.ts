/**
 * The browser figures' floor: a bare page on a bare loopback server, nothing of sportello in the
 * path. GET / is one input and a table; on Enter the page fetches /verify?n=NOTICE, the server
 * POSTs a verifyPaymentNotice envelope for it to the simulator (bytes in, bytes out) and answers,
 * and the page adds a row `tbody[data-notice=NOTICE][data-phase=verified]`. So a key, one round
 * trip to the node and one rendered row: what any terminal pays before its own work.
 */
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { encodeRequest } from '../../main/protocol';
import type { Simulator } from '../../sim/simulator';
import { credentialsOf } from './raw-cycle';
import { rawAgent, rawPost } from './raw-http';

const PAGE = `<!doctype html><html lang="it"><meta charset="utf-8"><title>floor</title>
<body><input name="code" autofocus autocomplete="off"><table id="rows"></table>
<script>
const input = document.querySelector('input');
input.addEventListener('keydown', async (e) => {
  if (e.key !== 'Enter') return;
  const n = input.value.trim();
  input.value = '';
  const r = await fetch('/verify?n=' + encodeURIComponent(n));
  const body = document.createElement('tbody');
  body.dataset.notice = n;
  body.dataset.phase = r.ok ? 'verified' : 'failed';
  body.innerHTML = '<tr><td>' + n + '</td><td>' + (await r.text()) + '</td></tr>';
  document.getElementById('rows').append(body);
});
</script></body></html>`;

export interface FloorServer {
  url: string;
  close(): Promise<void>;
}

export async function startFloorServer(sim: Simulator, fiscalCode: string): Promise<FloorServer> {
  const agent = rawAgent();
  const creds = credentialsOf(sim);
  const simUrl = new URL(sim.url);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://floor');
    if (url.pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    if (url.pathname !== '/verify') {
      res.writeHead(404).end();
      return;
    }
    const body = Buffer.from(
      encodeRequest('verifyPaymentNotice', creds, { qrCode: { fiscalCode, noticeNumber: url.searchParams.get('n') ?? '' } }).envelope,
      'utf8',
    );
    rawPost(
      agent,
      simUrl,
      {
        'Content-Type': 'text/xml; charset=utf-8',
        SOAPAction: 'verifyPaymentNotice',
        'Ocp-Apim-Subscription-Key': sim.credentials.subscriptionKey,
        'Content-Length': body.length,
      },
      body,
    ).then(
      (a) =>
        res
          .writeHead(a.status === 200 && a.body.includes('<outcome>OK</outcome>') ? 200 : 502, { 'Content-Type': 'text/plain' })
          .end(`${a.body.length} bytes`),
      () => res.writeHead(502).end(),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
