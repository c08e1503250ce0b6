// startBrowserKiosk on a real demo core: the launch URL (token and mode in the fragment), the page
// served with its CSP, the contract over the WebSocket with that token, the mode's precedence, a
// refusal when the screens are not built, and a close that frees the port.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebSocketClient } from '../../../main/contract/client';
import { startBrowserKiosk } from '../../../main/shell/browser-kiosk';
import { tempDir } from '../../support/tmp';

type T = Parameters<typeof tempDir>[0];

function setup(t: T) {
  const dir = tempDir(t, 'sportello-bk-');
  const site = tempDir(t, 'sportello-bk-site-');
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>sportello</title>');
  return { dir, site, env: { SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: join(dir, 'config.json') } };
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.on('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', () => resolve(true));
  });

describe('browser-kiosk mode', { timeout: 60_000 }, () => {
  test('serves the screens and the contract on loopback, opened with the token and the mode', async (t) => {
    const { env, site } = setup(t);
    const kiosk = await startBrowserKiosk({ env, staticDir: site, mode: 'counter' });
    t.after(() => kiosk.close());
    const url = new URL(kiosk.url);
    assert.equal(url.hostname, '127.0.0.1');
    const fragment = new URLSearchParams(url.hash.slice(1));
    assert.match(fragment.get('token') ?? '', /^[0-9a-f]{64}$/);
    assert.equal(fragment.get('token'), kiosk.server.token);
    assert.equal(fragment.get('mode'), 'counter');
    assert.equal(kiosk.core.mode, 'demo');

    const page = await fetch(kiosk.url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>sportello<\/title>/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);

    // what the page does: the WebSocket with the token from the fragment, as a query parameter
    const client = new WebSocketClient({
      url: kiosk.server.wsUrl,
      token: fragment.get('token')!,
      connect: (u) => new WebSocket(u, { headers: { Origin: url.origin } }),
    });
    t.after(() => client.close());
    assert.equal(await client.opened, true);
    const info = await client.call('system.info', {});
    assert.ok(info.ok);
    assert.equal(info.value.mode, 'demo');
    // a wrong token is refused
    const stranger = new WebSocketClient({ url: kiosk.server.wsUrl, token: '0'.repeat(64), connect: (u) => new WebSocket(u) });
    assert.equal(await stranger.opened, false);
  });

  test('the mode: the option, else SPORTELLO_MODE, else the configured terminal kind', async (t) => {
    const { env, site } = setup(t);
    const fromEnv = await startBrowserKiosk({ env: { ...env, SPORTELLO_MODE: 'technician' }, staticDir: site });
    assert.equal(fromEnv.mode, 'technician');
    assert.match(fromEnv.url, /mode=technician$/);
    await fromEnv.close();
    const fromConfig = await startBrowserKiosk({ env: { ...env, SPORTELLO_MODE: 'bogus' }, staticDir: site });
    assert.equal(fromConfig.mode, fromConfig.core.config.terminal.kind);
    const port = fromConfig.server.port;
    await fromConfig.close();
    await fromConfig.close(); // twice is fine
    assert.equal(await refused(port), true, 'the port is free after close');
  });

  test('refuses to start without built screens, before starting anything', async (t) => {
    const { env } = setup(t);
    const empty = tempDir(t, 'sportello-bk-empty-');
    await assert.rejects(startBrowserKiosk({ env, staticDir: empty }), (e: Error & { code?: string }) => e.code === 'RENDERER_NOT_BUILT');
  });
});
