// The fleet's own state on a real SQLite file: the cursor only moves forward (a late PUBACK of a
// resent batch never moves it back), and the broker secrets stay out of the settings table, in a
// 0600 file of their own without a secret store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../../../db/index';
import { readCursor, readFleetSecret, rewindCursor, writeCursor, writeFleetSecret } from '../../../../../main/services/fleet/store';
import { tempDir } from '../../../../support/tmp';

test('the cursor starts at 0, moves forward only, and survives a reopen', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'sportello.db');
  let db = openDatabase(file);
  assert.deepEqual(readCursor(db), { seq: 0, at: null });
  writeCursor(db, { seq: 40, at: '2026-06-01T08:00:00.000Z' });
  writeCursor(db, { seq: 12, at: '2026-06-01T08:00:01.000Z' });
  assert.deepEqual(readCursor(db), { seq: 40, at: '2026-06-01T08:00:00.000Z' });
  db.close();
  db = openDatabase(file);
  assert.equal(readCursor(db).seq, 40);
  db.close();
});

test('a resend request moves the cursor back (persisted), never forward', (t) => {
  const file = join(tempDir(t), 'sportello.db');
  let db = openDatabase(file);
  writeCursor(db, { seq: 40, at: '2026-06-01T08:00:00.000Z' });
  rewindCursor(db, 55);
  assert.equal(readCursor(db).seq, 40, 'a rewind past the cursor does nothing');
  rewindCursor(db, 11);
  assert.deepEqual(readCursor(db), { seq: 11, at: '2026-06-01T08:00:00.000Z' });
  db.close();
  db = openDatabase(file);
  assert.equal(readCursor(db).seq, 11, 'survives a reopen');
  writeCursor(db, { seq: 30, at: '2026-06-01T08:01:00.000Z' });
  assert.equal(readCursor(db).seq, 30, 'and moves forward again on the next PUBACK');
  db.close();
});

test('secrets: a 0600 file without a secret store, never the settings table; removable', async (t) => {
  const dir = tempDir(t);
  const db = openDatabase(join(dir, 'sportello.db'));
  t.after(() => db.close());
  const place = { dataDir: dir, secrets: null };
  assert.equal(await readFleetSecret(place, 'password'), null);
  await writeFleetSecret(place, 'password', 'hunter2-broker');
  assert.equal(await readFleetSecret(place, 'password'), 'hunter2-broker');
  const file = join(dir, 'fleet-password.secret');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.ok(!JSON.stringify(db.settings.all()).includes('hunter2'));
  await writeFleetSecret(place, 'password', null);
  assert.equal(existsSync(file), false);
  assert.equal(await readFleetSecret(place, 'password'), null);
});

test('secrets: with a secret store they go there under the declared names', async (t) => {
  const dir = tempDir(t);
  const kept = new Map<string, string>();
  const secrets = {
    protection: 'os-keyring' as const,
    get: (n: string) => Promise.resolve(kept.get(n) ?? null),
    set: (n: string, v: string) => Promise.resolve(void kept.set(n, v)),
  };
  const place = { dataDir: dir, secrets };
  await writeFleetSecret(place, 'clientKey', '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n');
  assert.deepEqual([...kept.keys()], ['fleet.clientKey']);
  assert.equal(existsSync(join(dir, 'fleet-client-key.secret')), false);
  assert.match((await readFleetSecret(place, 'clientKey'))!, /BEGIN PRIVATE KEY/);
});
