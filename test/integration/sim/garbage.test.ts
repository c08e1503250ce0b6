// Thousands of broken requests over real sockets: random bytes, mutated and truncated envelopes, wrong
// headers, a 5 MB body, cut-off and mis-chunked bodies. Each gets a fault or an HTTP error (or, when the
// client itself hangs up, nothing), every XML answer is XSD-valid, and the simulator is healthy afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { body, envelope, readAnswer, validateEnvelope } from './soap-client';
import { CCP, CF, N, startSim } from './fixtures';

/** Deterministic, so a failure can be replayed: mulberry32. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20260115;
const ACTIONS = [
  'verifyPaymentNotice',
  'activatePaymentNotice',
  'activatePaymentNoticeV2',
  'sendPaymentOutcome',
  'sendPaymentOutcomeV2',
  'verificaBollettino',
  'demandPaymentNotice',
  'nodoChiediCatalogoServiziV2',
  '"verifyPaymentNotice"',
  '',
  'x'.repeat(300),
  '\u00e9\u00f8',
];

interface Attempt {
  bytes: Buffer;
  headers: Record<string, string>;
}

function attempts(count: number, valid: string[], key: string): Attempt[] {
  const rnd = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const int = (n: number) => Math.floor(rnd() * n);
  const out: Attempt[] = [];
  for (let i = 0; i < count; i++) {
    const base = Buffer.from(pick(valid));
    let bytes: Buffer;
    switch (i % 6) {
      case 0: // random bytes
        bytes = Buffer.from(Array.from({ length: int(2000) }, () => int(256)));
        break;
      case 1: {
        // flipped bytes
        bytes = Buffer.from(base);
        for (let k = 0, n = 1 + int(8); k < n; k++) bytes[int(bytes.length)] = int(256);
        break;
      }
      case 2: // truncated
        bytes = base.subarray(0, int(base.length));
        break;
      case 3: {
        // a slice duplicated somewhere else
        const from = int(base.length);
        const slice = base.subarray(from, from + int(200));
        const at = int(base.length);
        bytes = Buffer.concat([base.subarray(0, at), slice, base.subarray(at)]);
        break;
      }
      case 4: {
        // markup characters injected
        const s = base.toString('utf8').split('');
        for (let k = 0, n = 1 + int(5); k < n; k++)
          s.splice(int(s.length), 0, pick(['<', '>', '&', '"', '/', ':', '<!--', ']]>', '&#0;', '&#x110000;', '\u0000', 'é']));
        bytes = Buffer.from(s.join(''));
        break;
      }
      default: // a valid body with wrong headers
        bytes = base;
    }
    const headers: Record<string, string> = {};
    if (i % 6 !== 5 || rnd() < 0.5) headers['Ocp-Apim-Subscription-Key'] = key;
    else if (rnd() < 0.5) headers['Ocp-Apim-Subscription-Key'] = 'wrong';
    if (rnd() < 0.9) headers.SOAPAction = pick(ACTIONS);
    headers['Content-Type'] = pick(['text/xml; charset=utf-8', 'application/xml', 'application/json', 'application/octet-stream']);
    out.push({ bytes, headers });
  }
  return out;
}

/** Sends raw bytes on a fresh connection, half-closes, and returns whatever came back. */
function raw(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

test('the simulator answers thousands of broken requests and stays healthy', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const valid = [
    body.verify(c, CF, N.single),
    body.activate(c, { fc: CF, nn: N.multi5, amount: '61.00', key: '12345678901_abcdefghij', v2: true }),
    body.outcome(c, { token: 'a'.repeat(32), outcome: 'OK', details: {} }),
    body.outcomeV2(c, { tokens: ['b'.repeat(32)], outcome: 'KO' }),
    body.verificaBollettino(c, CCP, N.postal),
    body.demand(c, '00101', '<x/>'),
    body.catalogue(c, { categoria: 'Tributi' }),
  ].map(envelope);

  const statuses = new Map<number, number>();
  const queue = attempts(2400, valid, c.subscriptionKey);
  const worker = async () => {
    for (let a = queue.shift(); a; a = queue.shift()) {
      const r = await fetch(sim.url, { method: 'POST', headers: a.headers, body: new Uint8Array(a.bytes) });
      const text = await r.text();
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      assert.ok([200, 400, 401].includes(r.status), `unexpected HTTP ${r.status}: ${text.slice(0, 300)}`);
      if (r.status === 200) await readAnswer(r.status, text); // XSD-valid, whatever came in
      if (r.status === 400) await validateEnvelope(text);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  assert.ok(
    (statuses.get(200) ?? 0) > 1000 && (statuses.get(400) ?? 0) > 100 && (statuses.get(401) ?? 0) > 50,
    JSON.stringify([...statuses]),
  );

  // 5 MB: 413, read to the end so the client sees the answer.
  const huge = await fetch(sim.url, {
    method: 'POST',
    headers: { 'Ocp-Apim-Subscription-Key': c.subscriptionKey, SOAPAction: 'verifyPaymentNotice' },
    body: Buffer.alloc(5 * 1024 * 1024, 'a'),
  });
  assert.equal(huge.status, 413);
  await huge.text();

  // Raw sockets: bodies cut short, broken chunking, request lines that are not HTTP.
  const head = (extra: string) =>
    `POST /nodo-auth/node-for-psp/v1 HTTP/1.1\r\nHost: x\r\nOcp-Apim-Subscription-Key: ${c.subscriptionKey}\r\nSOAPAction: verifyPaymentNotice\r\n${extra}\r\n`;
  const cut = await raw(sim.port, head('Content-Length: 5000\r\n') + (valid[0] as string).slice(0, 100));
  assert.match(cut, /^$|^HTTP\/1\.1 400/, 'a body cut short gets a 400 or nothing, never a SOAP answer');
  assert.match(await raw(sim.port, head('Transfer-Encoding: chunked\r\n') + 'zz\r\nabc\r\n0\r\n\r\n'), /^HTTP\/1\.1 400/);
  assert.match(await raw(sim.port, head('Transfer-Encoding: chunked\r\n') + '5\r\nab'), /^$|^HTTP\/1\.1 400/);
  assert.match(await raw(sim.port, 'GARBAGE\r\n\r\n'), /^HTTP\/1\.1 400/);
  assert.match(await raw(sim.port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01])), /^$|^HTTP\/1\.1 400/);
  const chunked = await raw(
    sim.port,
    head('Transfer-Encoding: chunked\r\nConnection: close\r\n') +
      (valid[0] as string)
        .match(/.{1,40}/gs)
        ?.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`)
        .join('') +
      '0\r\n\r\n',
  );
  assert.match(chunked, /^HTTP\/1\.1 200[\s\S]*<outcome>OK<\/outcome>/, 'a well-chunked body is fine');

  // Still healthy: the admin API answers and a normal verify works.
  assert.equal((await fetch(`${sim.adminUrl}/health`)).status, 200);
  const ok = await fetch(sim.url, {
    method: 'POST',
    headers: { 'Ocp-Apim-Subscription-Key': c.subscriptionKey, SOAPAction: 'verifyPaymentNotice' },
    body: valid[0] as string,
  });
  const a = await readAnswer(ok.status, await ok.text());
  assert.ok(a.outcome === 'OK' || a.fault?.faultCode === 'PPT_PAGAMENTO_IN_CORSO', JSON.stringify(a.fault));
});
