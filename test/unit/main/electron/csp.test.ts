// The Electron window's Content-Security-Policy: its directives, the header installed on the
// session (a fake session records the listener), and the app:// protocol's answers on real files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appFileHandler, isAppUrl, locateAppFile } from '../../../../main/electron/app-protocol';
import { ELECTRON_CSP, installCsp, withCsp } from '../../../../main/electron/csp';
import type { HeadersSession } from '../../../../main/electron/csp';
import { tempDir } from '../../../support/tmp';
import { FakeSession } from '../../../support/fake-electron';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('CSP', () => {
  const d = directives(ELECTRON_CSP);

  test('scripts and styles only from the app, nothing inline or evaluated', () => {
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('script-src'), ["'self'"]);
    assert.deepEqual(d.get('style-src'), ["'self'"]);
    assert.doesNotMatch(ELECTRON_CSP, /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/);
  });

  test('no network beyond the app, no plugins, frames, forms or base changes', () => {
    assert.deepEqual(d.get('connect-src'), ["'self'"]);
    assert.deepEqual(d.get('img-src'), ["'self'", 'data:']);
    for (const name of ['object-src', 'frame-src', 'worker-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      assert.deepEqual(d.get(name), ["'none'"], name);
    }
    assert.doesNotMatch(ELECTRON_CSP, /https?:|ws:|wss:|file:/);
  });

  test('installed on the session: every response gets it, replacing any policy it brought', () => {
    const session = new FakeSession();
    installCsp(session as unknown as HeadersSession);
    assert.ok(session.headersListener, 'onHeadersReceived was not registered');
    const answers: Array<{ responseHeaders?: Record<string, string | string[]> }> = [];
    session.headersListener!(
      {
        url: 'app://sportello/index.html',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
      (r) => answers.push(r),
    );
    assert.equal(answers.length, 1);
    const headers = answers[0]!.responseHeaders!;
    assert.deepEqual(headers['Content-Security-Policy'], [ELECTRON_CSP]);
    assert.equal(headers['content-security-policy'], undefined);
    assert.deepEqual(headers['Content-Type'], ['text/html']);
  });

  test('withCsp on a response without headers', () => {
    assert.deepEqual(withCsp(undefined), { 'Content-Security-Policy': [ELECTRON_CSP] });
  });
});

describe('app:// protocol', () => {
  test('only app://sportello is ours, compared after parsing', () => {
    assert.equal(isAppUrl('app://sportello/index.html#mode=kiosk'), true);
    for (const url of [
      'app://sportello.evil/index.html',
      'app://evil/sportello',
      'https://sportello/',
      'file:///app/index.html',
      'app://user:pw@sportello/',
      'not a url',
      'app://sportello:8080/',
    ]) {
      assert.equal(isAppUrl(url), false, url);
    }
  });

  test('serves the renderer files with the CSP, and nothing outside them', async (t) => {
    const dir = tempDir(t);
    const root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    symlinkSync(join(dir, 'secret.txt'), join(root, 'link.txt'));
    const handle = appFileHandler(root);

    const index = await handle({ url: 'app://sportello/index.html', method: 'GET' });
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-security-policy'), ELECTRON_CSP);
    assert.match(index.headers.get('content-type')!, /^text\/html/);
    assert.equal(await index.text(), '<!doctype html><title>x</title>');

    const js = await handle({ url: 'app://sportello/assets/app.js', method: 'GET' });
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type')!, /^text\/javascript/);
    assert.equal(js.headers.get('content-security-policy'), ELECTRON_CSP);

    const root2 = await handle({ url: 'app://sportello/', method: 'GET' });
    assert.equal(root2.status, 200, 'the folder serves its index.html');

    for (const url of [
      'app://sportello/../secret.txt',
      'app://sportello/%2e%2e/secret.txt',
      'app://sportello/link.txt',
      'app://other/index.html',
      'app://sportello/missing.js',
      'app://sportello/%00',
    ]) {
      const r = await handle({ url, method: 'GET' });
      assert.equal(r.status, 404, url);
      assert.equal(r.headers.get('content-security-policy'), ELECTRON_CSP, url);
      assert.doesNotMatch(await r.text(), /outside/, url);
    }
    assert.equal((await handle({ url: 'app://sportello/index.html', method: 'POST' })).status, 405);
    assert.equal(await locateAppFile(root, 'app://sportello/assets/app.js'), join(root, 'assets', 'app.js'));
  });
});
