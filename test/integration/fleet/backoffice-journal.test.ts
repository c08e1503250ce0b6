// The back office against a real mosquitto and a real PostgreSQL: journal batches published as a
// terminal publishes them, stored once, chains re-verified, gaps and edits found, payments derived,
// and nothing lost while the back office is down (persistent session) or split over two consumers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startBackOffice, type BackOffice } from '../../../main/backoffice/backoffice';
import { silentLog } from '../../../main/backoffice/log';
import { exportCsv, totals } from '../../../main/backoffice/reports';
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

async function setup(t: { after: (fn: () => Promise<void>) => void }, consumers = 1) {
  const url = await freshDatabase(db);
  const prefix = uniquePrefix();
  const bo = await startBackOffice({
    broker: { url: broker.url },
    databaseUrl: url,
    prefix,
    consumers,
    clientIdBase: `bo-${prefix}`,
    http: null,
    log: silentLog,
  });
  await bo.subscribed();
  const pool = new pg.Pool({ connectionString: url });
  pool.on('error', () => undefined); // idle connections dropped by the database outage test
  t.after(async () => {
    await bo.close();
    await pool.end();
  });
  return { url, prefix, bo, pool };
}

const count = async (pool: pg.Pool, terminal: string) =>
  Number((await pool.query('SELECT count(*) AS n FROM journal WHERE terminal = $1', [terminal])).rows[0].n);
const chain = async (pool: pg.Pool, terminal: string) =>
  (await pool.query('SELECT * FROM chain_state WHERE terminal = $1', [terminal])).rows[0];

test('a batch sent twice is stored once and its chain verifies', async (t) => {
  const { prefix, pool } = await setup(t);
  const term = new FakeTerminal('k1', prefix);
  t.after(() => term.close());
  term.pay('s1', [{ fiscalCode: '77777777777', noticeNumber: '301000000000000001', amountCents: 12_345 }]);
  term.append('shift-closed', { status: 'closed' });
  await term.publishBatch(broker.url, term.batch(1, 4));
  await term.publishBatch(broker.url, term.batch(1, 4));
  await term.publishBatch(broker.url, term.batch(3, 4));
  await eventually('the head at 4', async () => Number((await chain(pool, 'k1'))?.head_seq) === 4);
  // the duplicate batches were handled too (the consumer works in order): wait for a marker after them
  term.append('marker', {});
  await term.publishBatch(broker.url, term.batch(5, 5));
  await eventually('the head at 5', async () => Number((await chain(pool, 'k1'))?.head_seq) === 5);
  assert.equal(await count(pool, 'k1'), 5);
  const c = await chain(pool, 'k1');
  assert.equal(c.broken_seq, null);
  assert.equal(c.head_hash, term.entries[4]!.hash);
  const payments = (await pool.query('SELECT payment_token, amount_cents, state FROM payment')).rows;
  assert.deepEqual(payments, [{ payment_token: 'tok-k1-s1-1', amount_cents: '12345', state: 'accepted' }]);
});

test('a gap is recorded until the missing entries arrive, then the chain verifies', async (t) => {
  const { prefix, pool } = await setup(t);
  const term = new FakeTerminal('k2', prefix);
  t.after(() => term.close());
  for (let i = 0; i < 6; i++) term.append('note', { i });
  await term.publishBatch(broker.url, term.batch(1, 2));
  await term.publishBatch(broker.url, term.batch(5, 6));
  const gapped = await eventually('a gap', async () => {
    const c = await chain(pool, 'k2');
    return c && Number(c.max_seq) === 6 ? c : undefined;
  });
  assert.equal(Number(gapped.head_seq), 2);
  assert.deepEqual([Number(gapped.gap_from), Number(gapped.gap_to)], [3, 4]);
  await term.publishBatch(broker.url, term.batch(3, 4));
  const filled = await eventually('the head at 6', async () => {
    const c = await chain(pool, 'k2');
    return Number(c.head_seq) === 6 ? c : undefined;
  });
  assert.equal(filled.gap_from, null);
  assert.equal(filled.broken_seq, null);
  assert.equal(await count(pool, 'k2'), 6);
});

test('an edited entry breaks the chain at its seq and opens a broken-chain alert', async (t) => {
  const { prefix, pool } = await setup(t);
  const term = new FakeTerminal('k3', prefix);
  t.after(() => term.close());
  for (let i = 0; i < 5; i++) term.append('note', { i });
  const batch = term.batch(1, 5);
  // the third entry's payload changed after it was hashed
  batch.entries[2] = { ...batch.entries[2]!, payload: { i: 99 } };
  await term.publishBatch(broker.url, batch);
  const alert = await eventually(
    'a broken-chain alert',
    async () => (await pool.query("SELECT * FROM alert WHERE terminal = 'k3' AND kind = 'broken-chain'")).rows[0],
  );
  assert.deepEqual(alert.detail, { seq: 3, reason: 'hash-mismatch' });
  assert.equal(alert.resolved_at, null);
  const c = await chain(pool, 'k3');
  assert.equal(Number(c.head_seq), 2);
  assert.equal(Number(c.broken_seq), 3);
});

test('batches published while the back office is down arrive when it returns (persistent session)', async (t) => {
  const url = await freshDatabase(db);
  const prefix = uniquePrefix();
  const opts = { broker: { url: broker.url }, databaseUrl: url, prefix, clientIdBase: `bo-${prefix}`, http: null, log: silentLog };
  const pool = new pg.Pool({ connectionString: url });
  t.after(() => pool.end());
  const term = new FakeTerminal('k4', prefix);
  t.after(() => term.close());
  let bo: BackOffice = await startBackOffice(opts);
  await bo.subscribed();
  term.append('note', { i: 0 });
  await term.publishBatch(broker.url, term.batch(1, 1));
  await eventually('the first entry', async () => (await count(pool, 'k4')) === 1);
  await bo.close();
  for (let i = 1; i < 40; i++) term.append('note', { i });
  for (let s = 2; s <= 40; s += 3) await term.publishBatch(broker.url, term.batch(s, Math.min(s + 2, 40)));
  assert.equal(await count(pool, 'k4'), 1, 'nothing stored while down');
  bo = await startBackOffice(opts);
  t.after(() => bo.close());
  await bo.subscribed();
  await eventually('all 40 entries', async () => (await count(pool, 'k4')) === 40);
  assert.equal(Number((await chain(pool, 'k4')).head_seq), 40);
});

test('two consumers sharing the subscription store every entry exactly once', async (t) => {
  const { prefix, pool, bo } = await setup(t, 2);
  const terms = ['a1', 'a2', 'a3', 'a4'].map((id) => new FakeTerminal(id, prefix));
  t.after(() => Promise.all(terms.map((x) => x.close())).then(() => undefined));
  for (const term of terms) for (let i = 0; i < 60; i++) term.append('note', { i });
  // batches of 5, each sent once, some twice: the shared subscription spreads them over both consumers
  await Promise.all(
    terms.map(async (term) => {
      for (let s = 1; s <= 60; s += 5) {
        await term.publishBatch(broker.url, term.batch(s, s + 4));
        if (s % 15 === 1) await term.publishBatch(broker.url, term.batch(s, s + 4));
      }
    }),
  );
  await eventually('every chain at 60', async () => {
    const r = await pool.query('SELECT count(*) AS n FROM chain_state WHERE head_seq = 60');
    return Number(r.rows[0].n) === 4;
  });
  const rows = (
    await pool.query('SELECT terminal, count(*) AS n, count(DISTINCT seq) AS d FROM journal GROUP BY terminal ORDER BY terminal')
  ).rows;
  assert.deepEqual(
    rows.map((r) => [r.terminal, Number(r.n), Number(r.d)]),
    terms.map((x) => [x.id, 60, 60]),
  );
  assert.equal((await pool.query("SELECT count(*) AS n FROM alert WHERE kind = 'broken-chain'")).rows[0].n, '0');
  const handled = bo.consumers.map((c) => c.handled());
  assert.ok(
    handled.every((n) => n > 0),
    `both consumers took messages: ${handled.join(', ')}`,
  );
});

test('totals per creditor and per terminal, and the CSV export, come from the tender entries', async (t) => {
  const { prefix, pool } = await setup(t);
  const a = new FakeTerminal('c1', prefix);
  const b = new FakeTerminal('c2', prefix);
  t.after(async () => {
    await a.close();
    await b.close();
  });
  a.pay('s1', [
    { fiscalCode: '11111111111', noticeNumber: '301000000000000011', amountCents: 10_050 },
    { fiscalCode: '22222222222', noticeNumber: '301000000000000012', amountCents: 2_000 },
  ]);
  a.pay('s2', [{ fiscalCode: '11111111111', noticeNumber: '=HYPERLINK("x")', amountCents: 7 }], 'card');
  b.pay('s1', [{ fiscalCode: '11111111111', noticeNumber: '301000000000000021', amountCents: 100_000 }]);
  await a.publishBatch(broker.url, a.batch(1, a.entries.length));
  await b.publishBatch(broker.url, b.batch(1, b.entries.length));
  await eventually('four payments', async () => Number((await pool.query('SELECT count(*) AS n FROM payment')).rows[0].n) === 4);
  const day = '2026-03-10';
  const tot = await totals(pool, day);
  assert.deepEqual(tot.byCreditor, [
    { fiscalCode: '11111111111', payments: 3, cents: 110_057 },
    { fiscalCode: '22222222222', payments: 1, cents: 2_000 },
  ]);
  assert.deepEqual(tot.byTerminal, [
    { terminal: 'c1', payments: 3, cents: 12_057 },
    { terminal: 'c2', payments: 1, cents: 100_000 },
  ]);
  assert.deepEqual((await totals(pool, '2026-03-11')).byCreditor, []);
  const csv = await exportCsv(pool, { from: day, to: day, creditor: '11111111111' });
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(
    lines[0],
    '"day","creditor_fiscal_code","notice_number","payment_token","amount_eur","terminal","session","method","state","paid_at"',
  );
  assert.equal(lines.length, 4);
  assert.match(lines[1]!, /^"2026-03-10","11111111111","301000000000000011","tok-c1-s1-1","100.50","c1","s1","cash","accepted",/);
  assert.match(lines[2]!, /"tok-c2-s1-1","1000.00","c2"/);
  // a value a spreadsheet would run as a formula is made inert
  assert.match(lines[3]!, /^"2026-03-10","11111111111","'=HYPERLINK\(""x""\)","tok-c1-s2-1","0.07","c1","s2","card","accepted",/);
});

test('a batch not stored is not acknowledged: stopped during a database outage, it comes again', async (t) => {
  const url = await freshDatabase(db);
  const prefix = uniquePrefix();
  const opts = { broker: { url: broker.url }, databaseUrl: url, prefix, clientIdBase: `bo-${prefix}`, http: null, log: silentLog };
  const pool = new pg.Pool({ connectionString: url });
  pool.on('error', () => undefined);
  t.after(() => pool.end());
  const term = new FakeTerminal('d1', prefix);
  t.after(() => term.close());
  for (let i = 0; i < 4; i++) term.append('note', { i });
  let bo = await startBackOffice(opts);
  await bo.subscribed();
  await term.publishBatch(broker.url, term.batch(1, 2));
  await eventually('the first two', async () => (await count(pool, 'd1')) === 2);
  await db.stop();
  await term.publishBatch(broker.url, term.batch(3, 4));
  // the consumer holds the batch, retrying the database; it stops before it could store it
  await eventually('a store attempt failed', async () => bo.consumers[0]!.failures() > 0);
  assert.equal(bo.consumers[0]!.handled(), 1);
  await bo.close();
  await db.start();
  assert.equal(await count(pool, 'd1'), 2);
  // had it been acknowledged, the broker would have nothing more to give
  bo = await startBackOffice(opts);
  t.after(() => bo.close());
  await eventually('all four after the outage', async () => (await count(pool, 'd1')) === 4);
  assert.equal(Number((await chain(pool, 'd1')).head_seq), 4);
});
