// The owner credential in core.json makes an HTTP call the terminal's local owner, as the CLI is in
// process. The screens hold the server token (the launch URL's fragment) but never the owner
// credential: a call with the token alone is still the kiosk, and the owner credential without the
// token is refused before the core sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServe } from '../../support/cli';
import { tempDir } from '../../support/tmp';

test('only the token together with the owner credential is the local owner', async (t) => {
  const dir = tempDir(t, 'sportello-core-owner-');
  const serve = await startServe(t, dir);
  const { token, owner, url } = JSON.parse(readFileSync(join(dir, 'core.json'), 'utf8')) as Record<string, string>;
  const call = (headers: Record<string, string>) =>
    fetch(`${url}/api/outbox.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ states: ['pending'] }),
    });

  const asOwner = await call({ Authorization: `Bearer ${token}`, 'Sportello-Auth': owner! });
  assert.equal(asOwner.status, 200);
  assert.equal(((await asOwner.json()) as { ok: boolean }).ok, true);

  const asScreen = await call({ Authorization: `Bearer ${token}` });
  assert.equal(asScreen.status, 200);
  const refused = (await asScreen.json()) as { ok: boolean; error: { code: string } };
  assert.equal(refused.ok, false, 'the token alone is a kiosk page');
  assert.equal(refused.error.code, 'ROLE_REQUIRED');

  const wrongOwner = await call({ Authorization: `Bearer ${token}`, 'Sportello-Auth': 'c'.repeat(64) });
  assert.equal(((await wrongOwner.json()) as { ok: boolean }).ok, false);

  const noToken = await call({ 'Sportello-Auth': owner! });
  assert.equal(noToken.status, 401, 'the owner credential does not replace the server token');
  // A page of another origin is refused whatever it holds.
  const otherOrigin = await call({ Authorization: `Bearer ${token}`, 'Sportello-Auth': owner!, Origin: 'http://evil.example' });
  assert.equal(otherOrigin.status, 403);
  await serve.stop();
});
