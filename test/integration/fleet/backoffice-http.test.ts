// The back office's web server against a real mosquitto and PostgreSQL: the login (401 without a
// session, a wrong password refused, lockout), the dashboard's API, the CSV export over HTTP, and
// configuration versions published retained on the right topic with increasing versions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { OverviewView } from '../../../main/backoffice/api-types';
import { DEFAULT_ALERT_RULES, refreshAlerts } from '../../../main/backoffice/alerts';
import { startBackOffice, type BackOffice } from '../../../main/backoffice/backoffice';
import { silentLog } from '../../../main/backoffice/log';
import { MAX_FAILURES, addUser } from '../../../main/backoffice/users';
import { configTopic, configVersionSchema, type ConfigVersion } from '../../../main/fleet/wire';
import { startMosquitto, type Broker } from '../../support/mosquitto';
import { startPostgres, type Postgres } from '../../support/postgres';
import { FakeTerminal, eventually, freshDatabase, uniquePrefix } from './backoffice-support';

let broker: Broker;
let db: Postgres;
let bo: BackOffice;
let base: string;
let prefix: string;
const PASSWORD = 'correct horse battery';

before(async () => {
  [broker, db] = await Promise.all([startMosquitto(), startPostgres()]);
  const url = await freshDatabase(db);
  prefix = uniquePrefix();
  const staticDir = mkdtempSync(join(tmpdir(), 'fleet-static-'));
  writeFileSync(join(staticDir, 'fleet.html'), '<!doctype html><title>fleet</title>');
  bo = await startBackOffice({
    broker: { url: broker.url },
    databaseUrl: url,
    prefix,
    clientIdBase: `bo-${prefix}`,
    http: { host: '127.0.0.1', port: 0, staticDir },
    log: silentLog,
  });
  await bo.subscribed();
  base = bo.http!.url;
  await addUser(bo.pool, 'anna', PASSWORD);
  await addUser(bo.pool, 'bruno', PASSWORD);
});
after(async () => {
  await bo?.close();
  await Promise.all([broker?.close(), db?.close()]);
});

async function login(name: string, password: string): Promise<Response> {
  return fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
}
async function session(name = 'anna'): Promise<string> {
  const r = await login(name, PASSWORD);
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie')!;
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  return cookie.split(';')[0]!;
}

test('every API route needs a session; the page itself is served with a strict CSP', async () => {
  for (const path of ['/api/overview', '/api/me', '/api/export.csv?from=2026-03-10', '/api/totals', '/api/terminals/k1/journal']) {
    const r = await fetch(`${base}${path}`);
    assert.equal(r.status, 401, path);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'LOGIN_REQUIRED');
  }
  const post = await fetch(`${base}/api/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(post.status, 401);
  const page = await fetch(`${base}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
  assert.equal((await fetch(`${base}/../package.json`)).status, 404);
  assert.equal((await fetch(`${base}/index.html`)).status, 404);
});

test('a wrong password is refused; a right one opens a session', async () => {
  const wrong = await login('anna', 'not the password');
  assert.equal(wrong.status, 401);
  assert.equal(wrong.headers.get('set-cookie'), null);
  assert.equal((await login('nobody', PASSWORD)).status, 401);
  const cookie = await session();
  const me = await fetch(`${base}/api/me`, { headers: { cookie } });
  assert.deepEqual(await me.json(), { user: 'anna' });
  const forged = await fetch(`${base}/api/me`, { headers: { cookie: `sportello_fleet=${'a'.repeat(64)}` } });
  assert.equal(forged.status, 401);
});

test(`after ${MAX_FAILURES} wrong passwords the user is locked, even with the right one`, async () => {
  for (let i = 0; i < MAX_FAILURES - 1; i++) assert.equal((await login('bruno', `wrong ${i}`)).status, 401);
  assert.equal((await login('bruno', 'wrong again')).status, 423);
  assert.equal((await login('bruno', PASSWORD)).status, 423);
  // another user is not affected
  assert.equal((await login('anna', PASSWORD)).status, 200);
});

test('a config version is published retained on its topic, versions increasing; bad settings are refused', async () => {
  const cookie = await session();
  const post = (body: unknown) =>
    fetch(`${base}/api/config`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const bad = await post({ target: { kind: 'all' }, settings: { nodeEndpoint: 'not a url' } });
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'FLEET_CONFIG_INVALID');
  const secret = await post({ target: { kind: 'all' }, settings: { password: 'x' } });
  assert.equal(secret.status, 400, 'no field beyond the schema (never secrets)');
  const form = await fetch(`${base}/api/config`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'a=1',
  });
  assert.equal(form.status, 415);

  const r1 = (await (await post({ target: { kind: 'group', group: 'roma' }, settings: { kiosk: { idleSeconds: 60 } } })).json()) as {
    version: number;
    topic: string;
  };
  const r2 = (await (
    await post({ target: { kind: 'group', group: 'roma' }, settings: { fees: { kind: 'flat', cents: 150 } } })
  ).json()) as { version: number; topic: string };
  const r3 = (await (await post({ target: { kind: 'terminal', terminal: 'k9' }, settings: { services: ['S1'] } })).json()) as {
    version: number;
    topic: string;
  };
  assert.equal(r1.topic, configTopic(prefix, { kind: 'group', group: 'roma' }));
  assert.equal(r3.topic, `${prefix}/config/t/k9`);
  assert.ok(r1.version < r2.version && r2.version < r3.version);

  // a terminal subscribing afterwards gets the latest version of its group, retained
  const sub = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: `sub-${prefix}` });
  const got: ConfigVersion[] = [];
  sub.on('message', (_t, m) => got.push(configVersionSchema.parse(JSON.parse(m.toString()))));
  await sub.subscribeAsync(r1.topic, { qos: 1 });
  await eventually('the retained version', async () => got.length === 1);
  await sub.endAsync();
  assert.equal(got[0]!.version, r2.version);
  assert.deepEqual(got[0]!.settings, { fees: { kind: 'flat', cents: 150 } });

  const list = (await (await fetch(`${base}/api/config`, { headers: { cookie } })).json()) as {
    versions: { version: number; issuedBy: string }[];
  };
  assert.deepEqual(
    list.versions.map((v) => [v.version, v.issuedBy]),
    [r3, r2, r1].map((r) => [r.version, 'anna']),
  );
});

test('an outcome near its token deadline shows as an alert in the overview, and resolves', async () => {
  const term = new FakeTerminal('k7', prefix);
  await term.publishStatus(broker.url, { depth: 1, nearestDeadline: new Date(Date.now() + 2 * 60_000).toISOString() });
  await term.close();
  const cookie = await session();
  const overview = async () => (await (await fetch(`${base}/api/overview`, { headers: { cookie } })).json()) as OverviewView;
  await eventually('the deadline alert', async () => {
    await bo.refreshAlerts();
    return (await overview()).alerts.some((a) => a.terminal === 'k7' && a.kind === 'deadline');
  });
  const view = await overview();
  const k7 = view.terminals.find((x) => x.id === 'k7')!;
  assert.equal(k7.outboxDepth, 1);
  assert.equal(k7.group, 'roma');
  assert.equal(k7.online, true);
  // delivered: the outbox empties, the alert resolves
  const again = new FakeTerminal('k7', prefix);
  await again.publishStatus(broker.url, { depth: 0, nearestDeadline: null });
  await again.close();
  await eventually('the alert resolved', async () => {
    await bo.refreshAlerts();
    return !(await overview()).alerts.some((a) => a.terminal === 'k7');
  });
});

test('the CSV export over HTTP: a file of the payments with their tokens', async () => {
  const term = new FakeTerminal('e1', prefix);
  term.pay('s1', [{ fiscalCode: '33333333333', noticeNumber: '301000000000000031', amountCents: 4_321 }]);
  await term.publishBatch(broker.url, term.batch(1, term.entries.length));
  await term.close();
  const cookie = await session();
  await eventually(
    'the payment',
    async () => Number((await bo.pool.query("SELECT count(*) AS n FROM payment WHERE terminal = 'e1'")).rows[0].n) === 1,
  );
  const r = await fetch(`${base}/api/export.csv?from=2026-03-10&to=2026-03-10&creditor=33333333333`, { headers: { cookie } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type')!, /^text\/csv/);
  assert.match(r.headers.get('content-disposition')!, /attachment; filename="payments-2026-03-10-2026-03-10-33333333333.csv"/);
  const lines = (await r.text()).trimEnd().split('\r\n');
  assert.equal(lines.length, 2);
  assert.match(lines[1]!, /"33333333333","301000000000000031","tok-e1-s1-1","43.21","e1"/);
  assert.equal((await fetch(`${base}/api/export.csv?from=yesterday`, { headers: { cookie } })).status, 400);
});

test('stalled outcomes, a silent terminal and the last will: alerts and the offline mark', async () => {
  const term = new FakeTerminal('s9', prefix);
  await term.publishStatus(broker.url, { depth: 2, stalled: 1, parked: 1 });
  await eventually('the stalled alert', async () => {
    await bo.refreshAlerts();
    return (await bo.pool.query("SELECT detail FROM alert WHERE terminal = 's9' AND kind = 'stalled' AND resolved_at IS NULL")).rows[0];
  });
  // the last will, as the broker publishes it for a terminal that vanished: online false, no detail
  const c = await term.connect(broker.url);
  await c.publishAsync(`${prefix}/t/s9/status`, JSON.stringify({ v: 1, terminal: 's9', online: false, at: '2026-03-10T08:00:00.000Z' }), {
    qos: 1,
    retain: true,
  });
  await term.close();
  await eventually(
    'marked offline',
    async () => (await bo.pool.query("SELECT online FROM terminal_status WHERE terminal = 's9'")).rows[0]?.online === false,
  );
  const row = (await bo.pool.query("SELECT stalled, outbox_depth FROM terminal_status WHERE terminal = 's9'")).rows[0];
  assert.deepEqual(row, { stalled: 1, outbox_depth: 2 }, 'the last known detail is kept');
  // ten minutes later nothing more has come: silent
  await refreshAlerts(bo.pool, DEFAULT_ALERT_RULES, new Date(Date.now() + 10 * 60_000));
  const silent = (await bo.pool.query("SELECT 1 FROM alert WHERE terminal = 's9' AND kind = 'silent' AND resolved_at IS NULL")).rowCount;
  assert.equal(silent, 1);
  // back at the real time it last spoke minutes ago at most: the silence resolves
  await bo.refreshAlerts();
  assert.equal((await bo.pool.query("SELECT 1 FROM alert WHERE terminal = 's9' AND kind = 'silent' AND resolved_at IS NULL")).rowCount, 0);
});
