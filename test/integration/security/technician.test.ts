// Technician mode as an attacker tried it: the stored node secrets sent to an endpoint of their
// choosing, and the documented default PIN opening a configured terminal.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { configured, DEMO_TECHNICIAN_PIN, error, start, value } from './harness';

interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP server on loopback that records every request and answers 500. */
async function captureServer(t: { after(fn: () => unknown): void }): Promise<{ url: string; seen: Captured[] }> {
  const seen: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/nodo`, seen };
}

describe('issue 11 item 1: stored node secrets go only to the stored endpoint', { timeout: 60_000 }, () => {
  test('a test against another endpoint without typed secrets sends none of the stored ones; typed ones are sent', async (t) => {
    const s = await start(t, { config: configured() });
    const stored = s.core.config.node;
    const capture = await captureServer(t);
    const edit = {
      endpoint: capture.url,
      idPSP: stored.idPSP,
      idBrokerPSP: stored.idBrokerPSP,
      idChannel: stored.idChannel,
      pspFiscalCode: stored.pspFiscalCode,
      pspName: stored.pspName,
    };

    const bare = value(await s.api.call('technician.testNode', { node: edit }));
    assert.equal(bare.credentials, 'none');
    assert.equal(capture.seen.length, 1, 'the request was made');
    const leaked = (c: Captured) => JSON.stringify(c).includes(stored.password) || JSON.stringify(c).includes(stored.subscriptionKey);
    assert.ok(!leaked(capture.seen[0]!), 'the stored password or subscription key reached another endpoint');

    const typed = value(
      await s.api.call('technician.testNode', { node: { ...edit, password: 'Typed-Pass9', subscriptionKey: 'typed-key-42' } }),
    );
    assert.equal(typed.credentials, 'typed');
    const second = capture.seen[1]!;
    assert.equal(second.headers['ocp-apim-subscription-key'], 'typed-key-42');
    assert.match(second.body, /Typed-Pass9/);
    assert.ok(!leaked(second));
  });

  test('the stored endpoint still gets the stored secrets (same server, another path too)', async (t) => {
    const capture = await captureServer(t);
    const s = await start(t, { config: configured(capture.url) });
    const stored = s.core.config.node;
    const edit = {
      endpoint: `${capture.url}/v2`,
      idPSP: stored.idPSP,
      idBrokerPSP: stored.idBrokerPSP,
      idChannel: stored.idChannel,
      pspFiscalCode: stored.pspFiscalCode,
      pspName: stored.pspName,
    };
    assert.equal(value(await s.api.call('technician.testNode', { node: edit })).credentials, 'stored');
    assert.equal(capture.seen[0]?.headers['ocp-apim-subscription-key'], stored.subscriptionKey);
  });
});

describe('issue 11 item 2: the default PIN does not open a configured terminal', { timeout: 60_000 }, () => {
  test('configured: the default PIN only lets the technician set a new one; then it is refused', async (t) => {
    const s = await start(t, { config: configured() });
    assert.equal(value(await s.api.call('technician.pinStatus', {})).demoPin, null, 'a configured terminal never shows it');
    const first = value(await s.api.call('technician.unlock', { pin: DEMO_TECHNICIAN_PIN }));
    assert.deepEqual([first.defaultPinInUse, first.mustChangePin], [true, true]);
    const auth = { auth: first.auth };
    for (const call of ['technician.devices', 'technician.diagnostics', 'config.get'] as const) {
      assert.equal(error(await s.api.call(call, {}, auth)).code, 'PIN_CHANGE_REQUIRED', call);
    }
    assert.equal(error(await s.api.call('outbox.reset', { messageId: 1 }, auth)).code, 'PIN_CHANGE_REQUIRED');
    assert.equal(
      error(await s.api.call('technician.changePin', { currentPin: DEMO_TECHNICIAN_PIN, newPin: DEMO_TECHNICIAN_PIN }, auth)).code,
      'PIN_INVALID',
    );
    value(await s.api.call('technician.changePin', { currentPin: DEMO_TECHNICIAN_PIN, newPin: '80417' }, auth));
    value(await s.api.call('technician.devices', {}, auth));
    assert.equal(error(await s.api.call('technician.unlock', { pin: DEMO_TECHNICIAN_PIN })).code, 'PIN_WRONG');
    assert.equal(value(await s.api.call('technician.unlock', { pin: '80417' })).mustChangePin, false);
  });

  test('demo mode keeps the default PIN (shown on screen), but configuring the terminal needs a new one', async (t) => {
    const s = await start(t);
    assert.equal(value(await s.api.call('technician.pinStatus', {})).demoPin, DEMO_TECHNICIAN_PIN);
    const u = value(await s.api.call('technician.unlock', { pin: DEMO_TECHNICIAN_PIN }));
    assert.equal(u.mustChangePin, false);
    value(await s.api.call('technician.devices', {}, { auth: u.auth }));
    const n = s.core.config.node;
    const save = {
      node: {
        endpoint: n.endpoint,
        idPSP: n.idPSP,
        idBrokerPSP: n.idBrokerPSP,
        idChannel: n.idChannel,
        pspFiscalCode: n.pspFiscalCode,
        pspName: n.pspName,
      },
      terminal: { id: 'T02', kind: 'counter' as const, locale: 'it' as const, strictCheckDigit: false, kioskAbandonSeconds: 180 },
      fees: { kind: 'none' as const },
    };
    assert.equal(error(await s.api.call('technician.saveSettings', save, { auth: u.auth })).code, 'PIN_CHANGE_REQUIRED');
  });
});

describe('issue 11 item 5: secrets carried by the endpoint', { timeout: 60_000 }, () => {
  test('config.get, system.info and the diagnostics bundle (its log tails too) mask the query key', async (t) => {
    const key = 'QUERY-KEY-0123456789';
    const s = await start(t, { config: configured(`http://127.0.0.1:9/nodo?subscription-key=${key}`) });
    // the core's own log is there already (main/log): a line that carries the key is added to it
    mkdirSync(join(s.dir, 'logs'), { recursive: true });
    appendFileSync(join(s.dir, 'logs', 'sportello.log'), `{"event":"sent","to":"http://127.0.0.1:9/nodo?subscription-key=${key}"}\n`);
    const u = value(await s.api.call('technician.unlock', { pin: DEMO_TECHNICIAN_PIN }));
    value(await s.api.call('technician.changePin', { currentPin: DEMO_TECHNICIAN_PIN, newPin: '80417' }, { auth: u.auth }));
    const answers = [
      value(await s.api.call('config.get', {})),
      value(await s.api.call('system.info', {})),
      value(await s.api.call('technician.diagnostics', {})),
    ].map((a) => JSON.stringify(a));
    for (const text of answers) {
      for (const secret of [key, s.core.config.node.password, s.core.config.node.subscriptionKey])
        assert.ok(!text.includes(secret), `${secret} leaked: ${text.slice(0, 200)}`);
    }
    assert.match(answers[2]!, /subscription-key=\*\*\*/);
  });
});
