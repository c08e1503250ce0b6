import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configPath, loadConfig, redactConfig, saveConfig } from '../../../../main/config';
import type { Config } from '../../../../main/config';
import { tempDir } from '../../../support/tmp';

const good = (): Config => ({
  version: 1,
  node: {
    endpoint: 'https://api.uat.platform.pagopa.it/nodo-auth/node-for-psp/v1',
    subscriptionKey: 'sub-key-123456',
    idPSP: 'ABI12345',
    idBrokerPSP: '12345678901',
    idChannel: '12345678901_01',
    password: 'password01',
    pspFiscalCode: '12345678901',
    pspName: 'Banca di Prova',
    tokenDurationMs: 1_800_000,
    timeoutsMs: {},
    isPoste: false,
  },
  terminal: { id: 'T01', kind: 'counter', locale: 'it', strictCheckDigit: false, kioskAbandonSeconds: 180 },
  fees: { kind: 'flat', cents: 150 },
});

test('no config file means demo mode; the env overrides the locations', (t) => {
  const dir = tempDir(t);
  const env = { SPORTELLO_DATA_DIR: dir };
  assert.equal(configPath(env), join(dir, 'config.json'));
  assert.deepEqual(loadConfig(env), { mode: 'demo', file: join(dir, 'config.json') });
  assert.equal(configPath({ SPORTELLO_CONFIG: '/x/y.json' }), '/x/y.json');
});

test('a saved config loads back identical, is readable only by the user, and redaction hides the secrets', (t) => {
  const env = { SPORTELLO_DATA_DIR: tempDir(t) };
  const file = saveConfig(good(), env);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const loaded = loadConfig(env);
  assert.equal(loaded.mode, 'configured');
  if (loaded.mode === 'configured') assert.deepEqual(loaded.config, good());
  const shown = JSON.stringify(redactConfig(good()));
  assert.doesNotMatch(shown, /password01|sub-key-123456/);
  assert.match(shown, /ABI12345/);
});

test('an invalid config names the field and the reason', (t) => {
  const env = { SPORTELLO_DATA_DIR: tempDir(t) };
  const file = configPath(env);
  const cases: Array<[unknown, RegExp]> = [
    [{ ...good(), node: { ...good().node, password: 'short' } }, /node\.password/],
    [{ ...good(), node: { ...good().node, pspFiscalCode: 'has space' } }, /node\.pspFiscalCode: must be 2-18/],
    [{ ...good(), node: { ...good().node, tokenDurationMs: 3_600_000 } }, /node\.tokenDurationMs/],
    [{ ...good(), fees: { kind: 'percent', basisPoints: 20_000, minCents: 0, maxCents: 1 } }, /fees\.basisPoints/],
    [{ ...good(), version: 2 }, /version 2 is newer/],
  ];
  for (const [value, re] of cases) {
    writeFileSync(file, JSON.stringify(value));
    assert.throws(
      () => loadConfig(env),
      (e: Error & { code?: string }) => e.code === 'CONFIG_INVALID' && re.test(e.message),
      String(re),
    );
    assert.doesNotMatch(readFileSync(file, 'utf8'), /^$/, 'the file is left as it was');
  }
  writeFileSync(file, '{ not json');
  assert.throws(() => loadConfig(env), /not valid JSON/);
});
