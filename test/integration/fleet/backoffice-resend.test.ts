// The back office asks a terminal to ship again what the broker acknowledged but never delivered:
// a gap in the held chain, or a status whose shippedSeq is ahead of the verified head with nothing
// held past it (entries dropped at the tail). Real mosquitto and PostgreSQL; the "terminal" is the
// fake one of backoffice-support.ts, and a listener on its resend topic plays the terminal's ear.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import pg from 'pg';
import { startBackOffice } from '../../../main/backoffice/backoffice';
import { silentLog } from '../../../main/backoffice/log';
import { resendRequestSchema, resendTopic, type ResendRequest } from '../../../main/fleet/wire';
import { startMosquitto, type Broker } from '../../support/mosquitto';
import { startPostgres, type Postgres } from '../../support/postgres';
import { FakeTerminal, eventually, freshDatabase, uniquePrefix } from './backoffice-support';

let broker: Broker;
let db: Postgres;
before(async () => {
  [broker, db] = await Promise.all([startMosquitto(), startPostgres()]);
});
after(async () => {
  await Promise.all([broker?.close(), db?.close()]);
});

type T = { after: (fn: () => Promise<void>) => void };

async function setup(t: T) {
  const url = await freshDatabase(db);
  const prefix = uniquePrefix();
  const bo = await startBackOffice({
    broker: { url: broker.url },
    databaseUrl: url,
    prefix,
    clientIdBase: `bo-${prefix}`,
    http: null,
    log: silentLog,
    resend: { stallMs: 300, repeatMs: 1_000, checkMs: 100 },
  });
  await bo.subscribed();
  const pool = new pg.Pool({ connectionString: url });
  t.after(async () => {
    await bo.close();
    await pool.end();
  });
  return { prefix, bo, pool };
}

/** Every resend request the broker delivers on one terminal's topic, each checked with the wire schema. */
async function resendEar(t: T, prefix: string, terminal: string): Promise<ResendRequest[]> {
  const got: ResendRequest[] = [];
  const c = await mqtt.connectAsync(broker.url, {
    protocolVersion: 5,
    clientId: `ear-${randomBytes(3).toString('hex')}`,
    reconnectPeriod: 0,
  });
  c.on('message', (_topic, payload) => got.push(resendRequestSchema.parse(JSON.parse(payload.toString('utf8')))));
  await c.subscribeAsync(resendTopic(prefix, terminal), { qos: 1 });
  t.after(() => c.endAsync(true));
  return got;
}

const head = async (pool: pg.Pool, terminal: string) =>
  Number((await pool.query('SELECT head_seq FROM chain_state WHERE terminal = $1', [terminal])).rows[0]?.head_seq ?? -1);

test('a gap that does not fill is asked for from the head, and asked again while it stays', async (t) => {
  const { prefix, bo, pool } = await setup(t);
  const term = new FakeTerminal('g1', prefix);
  t.after(() => term.close());
  for (let i = 0; i < 6; i++) term.append('note', { i });
  await term.publishBatch(broker.url, term.batch(1, 2));
  await term.publishBatch(broker.url, term.batch(5, 6));
  await eventually('entries 5-6 held past the head at 2', async () => {
    const r = (await pool.query('SELECT head_seq, max_seq FROM chain_state WHERE terminal = $1', ['g1'])).rows[0];
    return r && Number(r.head_seq) === 2 && Number(r.max_seq) === 6;
  });
  // The first request goes to nobody (lost, as with the broker): the back office asks again.
  await eventually('a first request', async () => bo.resend.requested() >= 1);
  const ear = await resendEar(t, prefix, 'g1');
  const req = await eventually('a request repeated while the gap stays', async () => ear[0]);
  assert.equal(req.terminal, 'g1');
  assert.equal(req.fromSeq, 3, 'from the verified head + 1');
  // The "terminal" answers: entries from 3 again (5-6 duplicated, harmless); the chain verifies to 6.
  await term.publishBatch(broker.url, term.batch(3, 6));
  await eventually('the head at 6', async () => (await head(pool, 'g1')) === 6);
  const c = (await pool.query('SELECT gap_from, broken_seq FROM chain_state WHERE terminal = $1', ['g1'])).rows[0];
  assert.deepEqual([c.gap_from, c.broken_seq], [null, null]);
  assert.equal(Number((await pool.query("SELECT count(*) AS n FROM journal WHERE terminal = 'g1'")).rows[0].n), 6);
});

test('a status ahead of the head with no gap (entries lost at the tail) is asked for too', async (t) => {
  const { prefix, pool } = await setup(t);
  const term = new FakeTerminal('s1', prefix);
  t.after(() => term.close());
  const ear = await resendEar(t, prefix, 's1');
  for (let i = 0; i < 5; i++) term.append('note', { i });
  await term.publishBatch(broker.url, term.batch(1, 3));
  // The terminal says it shipped 5 (the broker acknowledged 4-5 and lost them): nothing held past 3.
  await term.publishStatus(broker.url);
  const req = await eventually('a request for the tail', async () => ear.find((r) => r.fromSeq === 4));
  assert.equal(req.terminal, 's1');
  assert.equal(Number((await pool.query("SELECT max_seq FROM chain_state WHERE terminal = 's1'")).rows[0].max_seq), 3, 'no gap held');
  await term.publishBatch(broker.url, term.batch(4, 5));
  await eventually('the head at 5', async () => (await head(pool, 's1')) === 5);
});

test('a terminal with a status and no entry at all is asked from seq 1', async (t) => {
  const { prefix } = await setup(t);
  const term = new FakeTerminal('z1', prefix);
  t.after(() => term.close());
  const ear = await resendEar(t, prefix, 'z1');
  for (let i = 0; i < 2; i++) term.append('note', { i });
  await term.publishStatus(broker.url);
  const req = await eventually('a request from 1', async () => ear[0]);
  assert.equal(req.fromSeq, 1);
});
