// The secret file both shells use: 0600, atomic, values through a cipher when there is one, and
// a warning (without secrets) when there is not. Real files in a temp dir; the cipher is a
// reversible stand-in for Electron's safeStorage, which cannot run here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileSecretStore, SecretStoreUnreadable, secretFilePath } from '../../../../main/shell/secret-store';
import type { SecretCipher } from '../../../../main/shell/secret-store';
import { tempDir } from '../../../support/tmp';

const cipher: SecretCipher = {
  name: 'test-cipher',
  encrypt: async (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].reverse().map((b) => b ^ 0x33)),
  decrypt: async (stored) => Buffer.from([...stored].map((b) => b ^ 0x33).reverse()).toString('utf8'),
};

const posix = process.platform !== 'win32';

describe('FileSecretStore', () => {
  test('plain: values in a 0600 file, a warning that names the file and no secret', async (t) => {
    const dir = tempDir(t);
    const store = new FileSecretStore(secretFilePath(dir));
    assert.equal(store.protection, 'user-file');
    assert.equal(await store.get('node.password'), null);
    await store.set('node.password', 'pa55word!');
    await store.set('node.subscriptionKey', 'sub-key-0001');
    assert.equal(await store.get('node.password'), 'pa55word!');
    assert.equal(await store.get('node.subscriptionKey'), 'sub-key-0001');
    if (posix) assert.equal(statSync(store.file).mode & 0o777, 0o600);
    assert.match(store.warning!, new RegExp(store.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.doesNotMatch(store.warning!, /pa55word|sub-key/);
    assert.deepEqual(readdirSync(dir), ['secrets.json'], 'no temp file left behind');
    await store.delete('node.password');
    assert.equal(await store.get('node.password'), null);
    assert.equal(await store.get('node.subscriptionKey'), 'sub-key-0001');
  });

  test('with a cipher: the file never holds the value, a new store reads it back', async (t) => {
    const file = join(tempDir(t), 'secrets.json');
    await new FileSecretStore(file, cipher).set('node.password', 'pa55word!');
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /pa55word/);
    assert.doesNotMatch(text, new RegExp(Buffer.from('pa55word!').toString('base64')));
    const again = new FileSecretStore(file, cipher);
    assert.equal(again.protection, 'os-keyring');
    assert.equal(again.warning, null);
    assert.equal(await again.get('node.password'), 'pa55word!');
  });

  test('a file written with one protection is not read with another', async (t) => {
    const file = join(tempDir(t), 'secrets.json');
    await new FileSecretStore(file, cipher).set('node.password', 'pa55word!');
    await assert.rejects(new FileSecretStore(file).get('node.password'), SecretStoreUnreadable);
    await assert.rejects(new FileSecretStore(file).set('node.password', 'x'), /enter the secrets again/);
  });

  test('loosened permissions are tightened on the next read', { skip: !posix && 'POSIX permissions' }, async (t) => {
    const file = join(tempDir(t), 'secrets.json');
    const store = new FileSecretStore(file);
    await store.set('node.password', 'pa55word!');
    chmodSync(file, 0o644);
    assert.equal(await store.get('node.password'), 'pa55word!');
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  test('a damaged file is SECRET_STORE_UNREADABLE, and the error holds no content', async (t) => {
    const file = join(tempDir(t), 'secrets.json');
    writeFileSync(file, '{"version":1,"protection":"plain","entries":', { mode: 0o600 });
    await assert.rejects(
      new FileSecretStore(file).get('node.password'),
      (e: unknown) => e instanceof SecretStoreUnreadable && e.code === 'SECRET_STORE_UNREADABLE',
    );
    writeFileSync(file, JSON.stringify({ hello: 'pa55word!' }), { mode: 0o600 });
    await assert.rejects(
      new FileSecretStore(file).get('node.password'),
      (e: unknown) => e instanceof SecretStoreUnreadable && !/pa55word/.test(e.message),
    );
  });

  test('a value the cipher cannot decrypt is reported without the value', async (t) => {
    const file = join(tempDir(t), 'secrets.json');
    const broken: SecretCipher = { ...cipher, decrypt: async () => Promise.reject(new Error('keyring locked')) };
    await new FileSecretStore(file, cipher).set('node.password', 'pa55word!');
    await assert.rejects(new FileSecretStore(file, broken).get('node.password'), /keyring locked/);
  });
});
