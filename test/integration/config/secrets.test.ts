// The node's secrets with an OS keyring (Electron's safeStorage in the app). No keyring exists on
// this machine, so the test gives FileSecretStore an AES cipher standing in for safeStorage; the
// store, the config sealing and the core's start are the real code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEYRING_PLACEHOLDER, saveConfig } from '../../../main/config';
import { demoConfig, startCore } from '../../../main/core/core';
import { FileSecretStore, secretFilePath } from '../../../main/shell/secret-store';
import type { SecretCipher } from '../../../main/shell/secret-store';
import { startSimulator } from '../../../sim/simulator';
import { tempDir } from '../../support/tmp';

function aesCipher(): SecretCipher {
  const key = randomBytes(32);
  return {
    name: 'test-aes',
    async encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    async decrypt(stored) {
      const d = createDecipheriv('aes-256-gcm', key, stored.subarray(0, 12));
      d.setAuthTag(stored.subarray(12, 28));
      return Buffer.concat([d.update(stored.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

test('with a keyring the secrets leave the config file at the first start and come back from the keyring', async (t) => {
  const sim = await startSimulator({ port: 0 });
  t.after(() => sim.close());
  const dir = tempDir(t);
  const env = { SPORTELLO_DATA_DIR: dir };
  const file = saveConfig(demoConfig(sim), env);
  const store = new FileSecretStore(secretFilePath(dir), aesCipher());

  const core = await startCore({ env, secrets: store, run: false });
  assert.equal(core.config.node.password, sim.credentials.password, 'the core runs with the real secret');
  await core.close();
  const onDisk = readFileSync(file, 'utf8');
  assert.doesNotMatch(onDisk, new RegExp(sim.credentials.password));
  assert.doesNotMatch(onDisk, new RegExp(sim.credentials.subscriptionKey));
  assert.match(onDisk, new RegExp(KEYRING_PLACEHOLDER));
  const vault = readFileSync(join(dir, 'secrets.json'), 'utf8');
  assert.doesNotMatch(vault, new RegExp(sim.credentials.password), 'the keyring file holds ciphertext');

  const again = await startCore({ env, secrets: store, run: false });
  assert.equal(again.config.node.subscriptionKey, sim.credentials.subscriptionKey);
  await again.node.nodoChiediCatalogoServiziV2({});
  await again.close();

  // Without the keyring the placeholder cannot be used, and the error names the field.
  await assert.rejects(
    startCore({ env, run: false }),
    (e: Error & { code?: string }) => e.code === 'CONFIG_INVALID' && /node\.password/.test(e.message),
  );
});

test('without a keyring the secrets stay in the 0600 config file', async (t) => {
  const sim = await startSimulator({ port: 0 });
  t.after(() => sim.close());
  const dir = tempDir(t);
  const env = { SPORTELLO_DATA_DIR: dir };
  const file = saveConfig(demoConfig(sim), env);
  const core = await startCore({ env, secrets: new FileSecretStore(secretFilePath(dir)), run: false });
  await core.close();
  assert.match(readFileSync(file, 'utf8'), new RegExp(sim.credentials.password));
});
