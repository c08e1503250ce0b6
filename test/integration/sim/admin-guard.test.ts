// Issue 11 item 7: the admin API has no authentication, so a web page in a browser on the same
// machine must not reach it. Raw HTTP (node:http) so the Host and Origin headers are exactly ours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSim } from './fixtures';
import type { Simulator } from '../../../sim/simulator';

interface Raw {
  status: number;
  body: string;
}

function raw(sim: Simulator, method: string, path: string, headers: Record<string, string>, payload?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sim.port, method, path, headers, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const OUTAGE = JSON.stringify({ kind: 'outage' });

test('a cross-origin text/plain POST (what any web page can send) cannot inject faults', async (t) => {
  const sim = await startSim(t);
  const r = await raw(
    sim,
    'POST',
    '/admin/faults',
    { Host: `127.0.0.1:${sim.port}`, Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
    OUTAGE,
  );
  assert.equal(r.status, 403);
  assert.match(JSON.parse(r.body).error, /other web pages/);
  assert.deepEqual(sim.faults(), [], 'no fault was injected');
  // the same from another port of this machine is another origin too
  const local = await raw(
    sim,
    'POST',
    '/admin/clock',
    { Host: `127.0.0.1:${sim.port}`, Origin: 'http://127.0.0.1:1', 'Content-Type': 'text/plain' },
    '{"advanceMs":60000}',
  );
  assert.equal(local.status, 403);
  assert.equal(sim.clockOffsetMs(), 0);
});

test('a foreign Host header (DNS rebinding) is refused, reads included', async (t) => {
  const sim = await startSim(t);
  const post = await raw(
    sim,
    'POST',
    '/admin/faults',
    { Host: `attacker.example:${sim.port}`, 'Content-Type': 'application/json' },
    OUTAGE,
  );
  assert.equal(post.status, 421);
  assert.deepEqual(sim.faults(), []);
  assert.equal((await raw(sim, 'GET', '/admin/positions', { Host: `attacker.example:${sim.port}` })).status, 421);
  assert.equal(
    (await raw(sim, 'GET', '/admin/health', { Host: `127.0.0.1:${sim.port + 1}` })).status,
    421,
    'another port is another server',
  );
  const none = (await raw(sim, 'GET', '/admin/health', {})).status;
  assert.ok(none === 400 || none === 421, `no Host at all: refused (Node itself answers 400), got ${none}`);
});

test('the simulator own origin, loopback names and clients without Origin still work', async (t) => {
  const sim = await startSim(t);
  for (const host of [`127.0.0.1:${sim.port}`, `localhost:${sim.port}`, `LOCALHOST:${sim.port}`]) {
    assert.equal((await raw(sim, 'GET', '/admin/health', { Host: host })).status, 200, host);
  }
  const rule = JSON.stringify({ kind: 'system-error', primitive: 'verifyPaymentNotice', count: 1 });
  const own = await raw(
    sim,
    'POST',
    '/admin/faults',
    { Host: `localhost:${sim.port}`, Origin: `http://localhost:${sim.port}`, 'Content-Type': 'application/json' },
    rule,
  );
  assert.equal(own.status, 201);
  assert.equal(sim.faults().length, 1);
  // the SOAP endpoint is not the admin API: it has its subscription key (a page cannot set that header)
  const soap = await raw(
    sim,
    'POST',
    '/nodo-auth/node-for-psp/v1',
    { Host: `attacker.example:${sim.port}`, 'Content-Type': 'text/plain' },
    'x',
  );
  assert.notEqual(soap.status, 421);
});
