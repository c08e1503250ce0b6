// The nexo card terminal setting: the schema takes https with a pin or a CA and plain http only to
// loopback for the simulator, never a passphrase; the holder builds the nexo driver only once the
// key's passphrase is stored (a 0600 file without the shell's keyring), and a counter uses a
// terminal only when a technician chose one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../../../db';
import { NexoCardTerminal } from '../../../../../drivers/tender';
import { CardTerminalHolder } from '../../../../../main/services/kiosk/card-terminal';
import { CARD_SECRET_FILE } from '../../../../../main/services/kiosk/card-secret';
import {
  cardTerminalSettingsSchema,
  chosenCardTerminalSettings,
  readCardTerminalSettings,
  writeCardTerminalSettings,
} from '../../../../../main/services/kiosk/settings';

const NEXO = {
  kind: 'nexo',
  url: 'https://192.168.1.40:8443/nexo',
  poiId: 'V400m-324688179',
  saleId: 'sportello-1',
  keyIdentifier: 'SportelloKey',
  keyVersion: 1,
  insecureLoopback: false,
  fingerprint256: Array.from({ length: 32 }, () => 'AB').join(':'),
} as const;

test('nexo settings: https needs a pin or a CA; http only to loopback with insecureLoopback; no passphrase field', () => {
  assert.equal(cardTerminalSettingsSchema.safeParse(NEXO).success, true);
  const { fingerprint256: _f, ...unpinned } = NEXO;
  const issue = (v: unknown) => cardTerminalSettingsSchema.safeParse(v).error?.issues[0]?.path.join('.');
  assert.equal(issue(unpinned), 'fingerprint256');
  assert.equal(cardTerminalSettingsSchema.safeParse({ ...unpinned, ca: '-----BEGIN CERTIFICATE-----' }).success, true);
  assert.equal(issue({ ...NEXO, url: 'http://192.168.1.40:8443/nexo', insecureLoopback: true }), 'url');
  assert.equal(issue({ ...NEXO, url: 'http://127.0.0.1:18443/nexo' }), 'url');
  assert.equal(cardTerminalSettingsSchema.safeParse({ ...NEXO, url: 'http://127.0.0.1:18443/nexo', insecureLoopback: true }).success, true);
  assert.equal(issue({ ...NEXO, fingerprint256: 'AB:CD' }), 'fingerprint256');
  assert.equal(cardTerminalSettingsSchema.safeParse({ ...NEXO, passphrase: 'secret' }).success, false, 'strict: no passphrase');
});

test('the holder builds the nexo terminal once its key is stored; a counter uses only a chosen terminal', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'card-terminal-'));
  const db = openDatabase(join(dir, 'sportello.db'));
  t.after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  assert.equal(chosenCardTerminalSettings(db), null, 'nobody chose: the demo default is not a choice');
  assert.equal(readCardTerminalSettings(db, true).kind, 'simulated');
  writeCardTerminalSettings(db, NEXO);
  assert.equal(chosenCardTerminalSettings(db)?.kind, 'nexo');
  const holder = new CardTerminalHolder(() => readCardTerminalSettings(db, true), { dataDir: dir, secrets: null });
  await holder.loadKey();
  assert.equal(holder.current(), null, 'no key: no terminal');
  await holder.setKey('a shared passphrase');
  assert.ok(holder.current() instanceof NexoCardTerminal);
  assert.equal(statSync(join(dir, CARD_SECRET_FILE)).mode & 0o077, 0, 'readable by this user only');
  // A new core finds the key where it was kept.
  const again = new CardTerminalHolder(() => readCardTerminalSettings(db, true), { dataDir: dir, secrets: null });
  await again.loadKey();
  assert.equal(again.keyStored(), true);
  assert.ok(again.current() instanceof NexoCardTerminal);
  await holder.close();
  await again.close();
});
