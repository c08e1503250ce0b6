// The Electron shell's secret store: safeStorage's encryption when a real keyring backs it, the
// plain 0600 file with a warning when not. safeStorage is faked (no Electron here) with a
// reversible transform, so the test can see that the file never holds the value itself.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { electronSecretStore } from '../../../../main/electron/safe-storage';
import type { SafeStorageLike } from '../../../../main/electron/safe-storage';
import { tempDir } from '../../../support/tmp';

function fakeSafeStorage(
  available: boolean,
  backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']> = 'gnome_libsecret',
): SafeStorageLike {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (plain: string) => Buffer.concat([Buffer.from('v11'), flip(Buffer.from(plain, 'utf8'))]),
    decryptStringAsync: async (b: Buffer) => ({ result: flip(b.subarray(3)).toString('utf8'), shouldReEncrypt: false }),
    getSelectedStorageBackend: () => backend,
  };
}

describe('electronSecretStore', () => {
  test('with a keyring: encrypted values, no warning', async (t) => {
    const dir = tempDir(t);
    const store = await electronSecretStore(fakeSafeStorage(true), dir, 'linux');
    assert.equal(store.protection, 'os-keyring');
    assert.equal(store.warning, null);
    await store.set('node.password', 'Sup3rSecret!');
    assert.equal(await store.get('node.password'), 'Sup3rSecret!');
    const text = readFileSync(store.file, 'utf8');
    assert.doesNotMatch(text, /Sup3rSecret/);
    assert.doesNotMatch(text, new RegExp(Buffer.from('Sup3rSecret!').toString('base64')));
  });

  test("Linux's basic_text backend is no keyring: the plain file, with a warning", async (t) => {
    const store = await electronSecretStore(fakeSafeStorage(true, 'basic_text'), tempDir(t), 'linux');
    assert.equal(store.protection, 'user-file');
    assert.match(store.warning!, /no OS keyring/);
  });

  test('no encryption available: the plain file, with a warning that holds no secret', async (t) => {
    const store = await electronSecretStore(fakeSafeStorage(false), tempDir(t), 'win32');
    assert.equal(store.protection, 'user-file');
    await store.set('node.subscriptionKey', 'key-123456');
    assert.doesNotMatch(store.warning!, /key-123456/);
  });
});
