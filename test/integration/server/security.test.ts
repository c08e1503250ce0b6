// Who may talk to the loopback server, and what never leaves it: the token, the Origin and Host
// checks, the loopback-only bind, malformed input, and the node secrets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import WebSocket from 'ws';
import { startServer } from '../../../main/server';
import { saveConfig } from '../../../main/config';
import { startSimulator } from '../../../sim/simulator';
import { DEFAULT_CREDENTIALS } from '../../../sim/simulator';
import { tempDir } from '../../support/tmp';
import { send, serve, upgrade } from './harness';

describe('the token, Origin and Host checks', { timeout: 60_000 }, () => {
  test('HTTP calls: no token or a wrong one is 401; a foreign Origin 403; a foreign Host 421', async (t) => {
    const s = await serve(t);
    const { port, token } = s.server;
    const path = '/api/system.info';
    const ok = await send(port, { method: 'POST', path, headers: { Authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
    assert.equal((ok.json as { ok: boolean }).ok, true);

    const none = await send(port, { method: 'POST', path });
    assert.equal(none.status, 401);
    assert.equal(none.headers['www-authenticate'], 'Bearer');
    assert.deepEqual(none.json, { ok: false, error: { code: 'TOKEN_REQUIRED', message: 'the server token is required' } });
    const wrong = await send(port, {
      method: 'POST',
      path,
      headers: { Authorization: `Bearer ${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}` },
    });
    assert.equal(wrong.status, 401);
    assert.equal((wrong.json as { error: { code: string } }).error.code, 'TOKEN_INVALID');
    const basic = await send(port, {
      method: 'POST',
      path,
      headers: { Authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` },
    });
    assert.equal(basic.status, 401);
    // the query parameter is for the browser's WebSocket only: HTTP calls take the header
    const query = await send(port, { method: 'POST', path: `${path}?token=${token}` });
    assert.equal(query.status, 401);

    const auth = { Authorization: `Bearer ${token}` };
    for (const origin of ['http://evil.example', `http://localhost:${port}`, `https://127.0.0.1:${port}`, 'http://127.0.0.1:1', 'null']) {
      const r = await send(port, { method: 'POST', path, headers: { ...auth, Origin: origin } });
      assert.equal(r.status, 403, origin);
      assert.equal((r.json as { error: { code: string } }).error.code, 'ORIGIN_REFUSED');
    }
    const own = await send(port, { method: 'POST', path, headers: { ...auth, Origin: `http://127.0.0.1:${port}` } });
    assert.equal(own.status, 200);

    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `192.168.1.10:${port}`, '127.0.0.1']) {
      const r = await send(port, { method: 'POST', path, headers: { ...auth, Host: host } });
      assert.equal(r.status, 421, host);
      assert.equal((r.json as { error: { code: string } }).error.code, 'HOST_REFUSED');
    }
    assert.equal((await send(port, { method: 'POST', path, headers: { ...auth, Host: `LOCALHOST:${port}` } })).status, 200);
  });

  test('WebSocket upgrade: token by header or query parameter; without it 401, foreign Origin 403, foreign Host 421', async (t) => {
    const s = await serve(t);
    const { port, token, wsUrl } = s.server;
    assert.equal((await upgrade(wsUrl)).status, 401);
    assert.equal((await upgrade(`${wsUrl}?token=nope`)).status, 401);
    assert.equal((await upgrade(wsUrl, { Authorization: `Bearer ${token}` })).status, 101);
    assert.equal((await upgrade(`${wsUrl}?token=${token}`, { Origin: `http://127.0.0.1:${port}` })).status, 101);
    const foreign = await upgrade(`${wsUrl}?token=${token}`, { Origin: 'http://evil.example' });
    assert.equal(foreign.status, 403);
    assert.match(foreign.body, /ORIGIN_REFUSED/);
    assert.equal((await upgrade(`${wsUrl}?token=${token}`, { Host: `rebound.example:${port}` })).status, 421);
    assert.equal((await upgrade(`ws://127.0.0.1:${port}/other?token=${token}`)).status, 404);
    // a plain GET of /ws is told to upgrade
    assert.equal((await send(port, { path: '/ws' })).status, 426);
  });
});

describe('the bind', () => {
  test('anything but 127.0.0.1 is refused before a socket is opened', async () => {
    for (const host of ['0.0.0.0', '::', '::1', 'localhost', '192.168.1.10', '']) {
      await assert.rejects(
        // the API is never reached: the host is checked first
        startServer({ api: null as never, host }),
        (e: Error & { code?: string }) => e.code === 'SERVER_BIND_REFUSED',
        host,
      );
    }
  });

  test("it listens on loopback only: the machine's other addresses refuse the connection", async (t) => {
    const s = await serve(t);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return t.skip('this machine has no non-loopback IPv4 address to try');
    const refused = await new Promise<string>((resolve) => {
      const sock = connect({ host: external.address, port: s.server.port });
      sock.on('connect', () => (sock.destroy(), resolve('connected')));
      sock.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    assert.equal(refused, 'ECONNREFUSED');
  });
});

describe('malformed requests', { timeout: 60_000 }, () => {
  test('HTTP: bad JSON 400, bad request 200 with REQUEST_INVALID and the path, unknown call 404, wrong method 405, type 415, size 413', async (t) => {
    const s = await serve(t);
    const { port, token } = s.server;
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const bad = await send(port, { method: 'POST', path: '/api/session.start', headers, body: '{"kind": ' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json, { ok: false, error: { code: 'REQUEST_INVALID', message: 'the body is not valid JSON' } });
    const invalid = await s.call('session.tender', { sessionId: 'x', method: 'cheque' }, await s.signIn('operator'));
    assert.equal(invalid.status, 200);
    const e = (invalid.json as { ok: false; error: { code: string; message: string; details: { issues: { path: string }[] } } }).error;
    assert.equal(e.code, 'REQUEST_INVALID');
    assert.deepEqual(
      e.details.issues.map((i) => i.path),
      ['method'],
    );
    const unknown = await s.call('session.steal', {});
    assert.equal(unknown.status, 404);
    assert.equal((unknown.json as { error: { code: string } }).error.code, 'CALL_UNKNOWN');
    const proto = await s.call('__proto__', {});
    assert.equal(proto.status, 404);
    assert.equal((await send(port, { method: 'GET', path: '/api/system.info', headers })).status, 405);
    const form = await send(port, {
      method: 'POST',
      path: '/api/session.start',
      headers: { Authorization: headers.Authorization, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    assert.equal(form.status, 415);
    const big = await send(port, { method: 'POST', path: '/api/session.start', headers, body: Buffer.alloc(1024 * 1024 + 1, 0x20) });
    assert.equal(big.status, 413);
    // an empty body is an empty request
    assert.equal(
      (await send(port, { method: 'POST', path: '/api/outbox.status', headers: { Authorization: headers.Authorization } })).status,
      200,
    );
    // no static folder configured: nothing else is served
    assert.equal((await send(port, { path: '/' })).status, 404);
  });

  test("issue 11 item 6: a call name with a malformed percent-escape is the client's mistake: 400, not 500", async (t) => {
    const s = await serve(t);
    const headers = { Authorization: `Bearer ${s.server.token}`, 'Content-Type': 'application/json' };
    for (const path of ['/api/%E0%A4%A', '/api/%', '/api/session.%ZZstart']) {
      const r = await send(s.server.port, { method: 'POST', path, headers, body: '{}' });
      assert.equal(r.status, 400, path);
      assert.equal((r.json as { error: { code: string } }).error.code, 'REQUEST_INVALID', path);
    }
    // a well-formed escape still names a call
    assert.equal((await send(s.server.port, { method: 'POST', path: '/api/system%2Einfo', headers, body: '{}' })).status, 200);
  });

  test('WebSocket: unreadable messages get a typed answer with id null and the connection stays', async (t) => {
    const s = await serve(t);
    const ws = new WebSocket(s.server.wsUrl, { headers: { Authorization: `Bearer ${s.server.token}` } });
    t.after(() => ws.close());
    const replies: unknown[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { id?: unknown };
      if ('id' in m) replies.push(m);
    });
    await new Promise((r) => ws.once('open', r));
    const wait = (n: number) =>
      new Promise<void>((resolve) => {
        const tick = () => (replies.length >= n ? resolve() : setImmediate(tick));
        tick();
      });
    ws.send('not json');
    ws.send('[1,2]');
    ws.send(JSON.stringify({ call: 'system.info' }));
    ws.send(JSON.stringify({ id: 7, request: {} }));
    ws.send(JSON.stringify({ id: 8, call: 'session.get', request: { sessionId: 1 } }));
    ws.send(Buffer.from('{}'), { binary: true });
    ws.send(JSON.stringify({ id: 'last', call: 'outbox.status' }));
    await wait(7);
    const byId = (id: unknown) =>
      replies.filter((r) => (r as { id: unknown }).id === id) as { result: { ok: boolean; error?: { code: string; message: string } } }[];
    const anonymous = byId(null);
    assert.equal(anonymous.length, 4);
    for (const r of anonymous) assert.equal(r.result.error?.code, 'REQUEST_INVALID');
    assert.equal(byId(7)[0]?.result.error?.code, 'REQUEST_INVALID');
    assert.equal(byId(8)[0]?.result.error?.message, 'sessionId: Invalid input: expected string, received number');
    assert.equal(byId('last')[0]?.result.ok, true);
  });
});

describe('secrets', { timeout: 60_000 }, () => {
  test("demo mode: config.get and system.info mask the simulator's password and subscription key", async (t) => {
    const s = await serve(t);
    const config = await s.call('config.get', {}, await s.signIn('technician'));
    const info = await s.call('system.info');
    for (const r of [config, info]) {
      assert.equal(r.status, 200);
      assert.doesNotMatch(r.text, new RegExp(`${DEFAULT_CREDENTIALS.password}|${DEFAULT_CREDENTIALS.subscriptionKey}`));
    }
    const c = (config.json as { value: { mode: string; config: { node: { password: string; subscriptionKey: string; idPSP: string } } } })
      .value;
    assert.equal(c.mode, 'demo');
    assert.equal(c.config.node.password, '••••••••');
    assert.equal(c.config.node.subscriptionKey, '••••••••');
    assert.equal(c.config.node.idPSP, DEFAULT_CREDENTIALS.idPSP);
    assert.equal((info.json as { value: { mode: string } }).value.mode, 'demo');
  });

  test('configured mode: the secrets of the config file never appear in any answer, even with the node failing', async (t) => {
    const password = 'Zq7-Secret-Pw';
    const subscriptionKey = 'key-that-must-never-leave-9f3a';
    const sim = await startSimulator({ port: 0, credentials: { password, subscriptionKey } });
    t.after(() => sim.close());
    const dir = tempDir(t);
    saveConfig(
      {
        version: 1,
        node: {
          endpoint: `${sim.url}?tenant=acme`,
          subscriptionKey,
          idPSP: sim.credentials.idPSP,
          idBrokerPSP: sim.credentials.idBrokerPSP,
          idChannel: sim.credentials.idChannel,
          password,
          pspFiscalCode: sim.credentials.idBrokerPSP,
          pspName: 'Banca di Prova',
          tokenDurationMs: 1_800_000,
          timeoutsMs: { verifyPaymentNotice: 2_000 },
          isPoste: false,
        },
        terminal: { id: 'T07', kind: 'kiosk', locale: 'de', strictCheckDigit: true, kioskAbandonSeconds: 180 },
        fees: { kind: 'none' },
      },
      { SPORTELLO_DATA_DIR: dir },
    );
    const s = await serve(t, { dir });
    const texts: string[] = [];
    const info = await s.call('system.info');
    texts.push(info.text);
    const v = (info.json as { value: { mode: string; terminal: { id: string }; nodeEndpoint: string } }).value;
    assert.equal(v.mode, 'configured');
    assert.equal(v.terminal.id, 'T07');
    assert.match(v.nodeEndpoint, /tenant=\*\*\*/, 'query values of the endpoint are masked');
    const config = await s.call('config.get', {}, await s.signIn('technician'));
    texts.push(config.text);
    assert.equal(
      (config.json as { value: { config: { terminal: { strictCheckDigit: boolean } } } }).value.config.terminal.strictCheckDigit,
      true,
    );
    // the node refuses everything (outage): the errors that come back say so without any credential
    const id = ((await s.call('session.start')).json as { value: { id: string } }).value.id;
    sim.injectFaults({ kind: 'http503' });
    const added = await s.call('session.addNotice', { sessionId: id, text: 'PAGOPA|002|301020250000000129|77777777777|12000' });
    texts.push(added.text);
    assert.equal((added.json as { value: { session: { notices: { phase: string }[] } } }).value.session.notices[0]?.phase, 'verify-failed');
    // strictCheckDigit from the file applies: a wrong check digit is refused, typed
    const strict = await s.call('session.addNotice', { sessionId: id, text: 'PAGOPA|002|301020250000001443|77777777777|2200' });
    texts.push(strict.text);
    assert.equal((strict.json as { error: { details: { reason: string } } }).error.details.reason, 'check-digit');
    texts.push((await s.call('journal.exportCsv')).text, (await s.call('outbox.list')).text, (await s.call('sessions.list')).text);
    for (const text of texts) {
      assert.equal(text.includes(password), false, text);
      assert.equal(text.includes(subscriptionKey), false, text);
    }
  });
});

describe('static files', { timeout: 60_000 }, () => {
  test('served from the folder only, with a strict CSP, no token needed; nothing outside it', async (t) => {
    const { mkdirSync, writeFileSync, symlinkSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = tempDir(t);
    const site = join(root, 'site');
    mkdirSync(join(site, 'assets'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(site, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(root, 'secret.txt'), 'outside');
    symlinkSync(join(root, 'secret.txt'), join(site, 'leak.txt'));
    const s = await serve(t, { staticDir: site });
    const { port } = s.server;
    const index = await send(port, { path: '/' });
    assert.equal(index.status, 200);
    assert.match(index.text, /<script type="module"/);
    assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
    const csp = String(index.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${port}`));
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(index.headers['x-content-type-options'], 'nosniff');
    assert.equal(index.headers['referrer-policy'], 'no-referrer');
    const js = await send(port, { path: '/assets/app.js' });
    assert.equal(js.status, 200);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal((await send(port, { method: 'HEAD', path: '/assets/app.js' })).text, '');
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/leak.txt',
      '/%00',
      '/%E0%A4%A',
      '/missing.js',
    ]) {
      const r = await send(port, { path });
      assert.equal(r.status, 404, path);
      assert.doesNotMatch(r.text, /outside/);
    }
    assert.equal((await send(port, { method: 'POST', path: '/' })).status, 405);
    assert.equal((await send(port, { path: '/', headers: { Host: `rebound.example:${port}` } })).status, 421);
    assert.equal((await send(port, { path: '/', headers: { Origin: 'http://evil.example' } })).status, 403);
    assert.equal(s.server.launchUrl, `http://127.0.0.1:${port}/#token=${s.server.token}`);
  });
});
