// `sportello fleet` as a PSP runs it: migrate, add a login, start against the broker and database,
// log in over HTTP, stop with SIGTERM. The real command as a child process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startMosquitto, type Broker } from '../../support/mosquitto';
import { startPostgres, type Postgres } from '../../support/postgres';
import { SPORTELLO_BIN, runCliAsync } from '../../support/cli';
import { tempDir } from '../../support/tmp';

let broker: Broker;
let db: Postgres;
before(async () => {
  [broker, db] = await Promise.all([startMosquitto(), startPostgres()]);
});
after(async () => {
  await Promise.all([broker?.close(), db?.close()]);
});

test('migrate, user add, run: the dashboard answers on loopback and SIGTERM stops it cleanly', async (t) => {
  const dir = tempDir(t);
  const noDb = await runCliAsync(['fleet', 'migrate'], dir);
  assert.equal(noDb.status, 2);
  assert.match(noDb.stderr, /--database/);
  const m1 = await runCliAsync(['fleet', 'migrate', '--database', db.url], dir);
  assert.equal(m1.status, 0, m1.stderr);
  assert.match(m1.stdout, /applied migrations 1/);
  const m2 = await runCliAsync(['fleet', 'migrate', '--json'], dir, { env: { SPORTELLO_FLEET_DATABASE: db.url } });
  assert.deepEqual(JSON.parse(m2.stdout), { applied: [] });
  const weak = await runCliAsync(['fleet', 'user', 'add', 'anna', '--database', db.url], dir, {
    env: { SPORTELLO_FLEET_PASSWORD: 'short' },
  });
  assert.equal(weak.status, 1);
  assert.match(weak.stderr, /FLEET_PASSWORD_WEAK|10 characters/);
  const add = await runCliAsync(['fleet', 'user', 'add', 'anna', '--database', db.url], dir, {
    env: { SPORTELLO_FLEET_PASSWORD: 'a long passphrase' },
  });
  assert.equal(add.status, 0, add.stderr);

  const child = spawn(
    process.execPath,
    [SPORTELLO_BIN, 'fleet', '--broker', broker.url, '--database', db.url, '--listen', '127.0.0.1:0', '--json'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SPORTELLO_DATA_DIR: dir },
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(() => child.exitCode === null && child.kill('SIGKILL'));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', () => reject(new Error(`exited: ${stderr}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal((await fetch(`${url}/api/overview`)).status, 401);
  const login = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'anna', password: 'a long passphrase' }),
  });
  assert.equal(login.status, 200);
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stderr);
});

test('a database not migrated is refused with a clear error', async (t) => {
  const dir = tempDir(t);
  // initdb's own `postgres` database: reachable, never migrated
  const r = await runCliAsync(['fleet', '--broker', broker.url, '--database', db.url.replace(/\/sportello$/, '/postgres')], dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /FLEET_DB_NOT_MIGRATED: .*sportello fleet migrate/);
});
