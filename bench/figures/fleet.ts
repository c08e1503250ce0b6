/**
 * Figure 12, the fleet: N simulated terminals (1,000; --quick 200) as lightweight MQTT publishers
 * (one mqtt.js client each, all in this process) shipping hash-chained journal batches through one
 * real mosquitto into one back-office consumer (main/backoffice/consumer.ts, the real store into a
 * real PostgreSQL 15). Rate: each terminal sends one batch of 8 entries (a payment's worth) every
 * PERIOD_S seconds at a random phase: a busy counter pays every 30-60 s, so this is that day
 * compressed about 6-12 times, 1,000 terminals giving ~1,600 entries/s offered.
 *
 * Measures: connection setup for N persistent-session clients; entries stored per second (from the
 * first publish to the last row, once all arrived); end-to-end latency p50/p99 from the batch's
 * `sentAt` to the row's `received_at` (PostgreSQL's now(), the storing transaction's start).
 * Baseline, same run, same publishers: the broker alone, to a plain subscriber that only parses
 * (JSON and the wire schema), latency to the moment it parsed.
 */
import { performance } from 'node:perf_hooks';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { GENESIS_HASH, entryHash } from '../../db/repos/journal';
import { startConsumer } from '../../main/backoffice/consumer';
import { migrate } from '../../main/backoffice/migrations';
import { WIRE_VERSION, journalBatchSchema, journalTopic, type JournalBatch, type WireJournalEntry } from '../../main/fleet/wire';
import { startMosquitto } from '../../test/support/mosquitto';
import { startPostgres } from '../../test/support/postgres';
import { check, row, type Figure } from '../lib/figure';

const PLANS = {
  full: { terminals: 1_000, seconds: 30, backlogPerTerminal: 5 },
  quick: { terminals: 200, seconds: 10, backlogPerTerminal: 3 },
};
const PERIOD_S = 5;
const ENTRIES_PER_BATCH = 8;
const CONNECT_CONCURRENCY = 50;

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

class SimTerminal {
  private seq = 0;
  private prev = GENESIS_HASH;
  client!: MqttClient;
  constructor(
    readonly id: string,
    private readonly prefix: string,
  ) {}

  async connect(url: string, run: string): Promise<void> {
    this.client = await mqtt.connectAsync(url, {
      protocolVersion: 5,
      clientId: `${run}-${this.id}`,
      clean: false,
      properties: { sessionExpiryInterval: 600 },
      reconnectPeriod: 1_000,
      keepalive: 60,
    });
  }

  batch(): JournalBatch {
    const at = new Date().toISOString();
    const entries: WireJournalEntry[] = [];
    for (let i = 0; i < ENTRIES_PER_BATCH; i++) {
      const kind = i === 0 ? 'session-started' : i === 1 ? 'tender-submitted' : 'state-changed';
      const payload = { step: i, terminal: this.id };
      const e = { seq: ++this.seq, at, kind, sessionId: `s${this.seq}`, payload, prevHash: this.prev, hash: '' };
      e.hash = entryHash(e.prevHash, e);
      this.prev = e.hash;
      entries.push(e);
    }
    return { v: WIRE_VERSION, terminal: this.id, sentAt: new Date().toISOString(), entries };
  }

  publish(): Promise<unknown> {
    return this.client.publishAsync(journalTopic(this.prefix, this.id), JSON.stringify(this.batch()), { qos: 1 });
  }
}

async function connectAll(terms: SimTerminal[], url: string, run: string): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < terms.length; i += CONNECT_CONCURRENCY)
    await Promise.all(terms.slice(i, i + CONNECT_CONCURRENCY).map((t) => t.connect(url, run)));
  return performance.now() - t0;
}

/** Every terminal publishes every PERIOD_S at its own phase, for `seconds`; resolves when all were acknowledged. */
async function drive(terms: SimTerminal[], seconds: number): Promise<{ batches: number; startedAt: number }> {
  const startedAt = Date.now();
  let batches = 0;
  const pending: Promise<unknown>[] = [];
  await Promise.all(
    terms.map(async (t, i) => {
      const phase = ((i * 7919) % (PERIOD_S * 1000)) / (PERIOD_S * 1000);
      for (let k = 0; ; k++) {
        const due = startedAt + (phase + k) * PERIOD_S * 1000;
        if (due > startedAt + seconds * 1000) return;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        batches++;
        pending.push(t.publish());
      }
    }),
  );
  await Promise.all(pending);
  return { batches, startedAt };
}

async function waitFor(what: string, probe: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every terminal publishes `perTerminal` batches as fast as the broker takes them. */
async function burst(terms: SimTerminal[], perTerminal: number): Promise<number> {
  await Promise.all(
    terms.map(async (t) => {
      for (let k = 0; k < perTerminal; k++) await t.publish();
    }),
  );
  return terms.length * perTerminal * ENTRIES_PER_BATCH;
}

export const fleetFigure: Figure = {
  figure: 12,
  title: 'fleet: terminals -> broker -> back office',
  async run(ctx) {
    const plan = ctx.quick ? PLANS.quick : PLANS.full;
    const broker = await startMosquitto();
    const postgres = await startPostgres();
    const closers: (() => Promise<unknown>)[] = [() => broker.close(), () => postgres.close()];
    try {
      const expected = plan.terminals * Math.ceil((plan.seconds * 1) / PERIOD_S) * ENTRIES_PER_BATCH;
      ctx.log(
        `${plan.terminals} terminals, a batch of ${ENTRIES_PER_BATCH} every ${PERIOD_S} s for ${plan.seconds} s (~${expected} entries)`,
      );

      // Baseline: the broker alone, a subscriber that only parses.
      const basePrefix = 'benchbase';
      const latBase: number[] = [];
      let baseEntries = 0;
      let baseLast = 0;
      const parserOptions = {
        protocolVersion: 5 as const,
        clientId: 'bench-parser',
        clean: false,
        properties: { sessionExpiryInterval: 600 },
      };
      let sub = await mqtt.connectAsync(broker.url, parserOptions);
      closers.unshift(() => sub.endAsync(true));
      const onParsed = (_topic: string, payload: Buffer) => {
        const b = journalBatchSchema.safeParse(JSON.parse(payload.toString('utf8')));
        if (!b.success) return;
        const now = Date.now();
        latBase.push(now - Date.parse(b.data.sentAt));
        baseEntries += b.data.entries.length;
        baseLast = now;
      };
      sub.on('message', onParsed);
      await sub.subscribeAsync(`${basePrefix}/t/+/journal`, { qos: 1 });
      const baseTerms = Array.from({ length: plan.terminals }, (_, i) => new SimTerminal(`B${String(i).padStart(5, '0')}`, basePrefix));
      const baseConnectMs = await connectAll(baseTerms, broker.url, 'base');
      ctx.log(`baseline: ${plan.terminals} clients connected in ${Math.round(baseConnectMs)} ms`);
      const base = await drive(baseTerms, plan.seconds);
      await waitFor('the parser to see every batch', () => latBase.length === base.batches, 120_000);
      const baseRate = baseEntries / ((baseLast - base.startedAt) / 1000);
      const baseLatency = [...latBase].sort((a, b) => a - b); // the paced run's, before the backlog
      const baseBatches = latBase.length;
      // Baseline capacity: a backlog queued at the broker while the parser is away, then drained.
      await sub.endAsync();
      const backlog = await burst(baseTerms, plan.backlogPerTerminal);
      const seenBefore = baseEntries;
      const baseDrainFrom = Date.now();
      // Listening before the CONNACK: the queued messages follow it in the same read.
      sub = mqtt.connect(broker.url, parserOptions);
      sub.on('message', onParsed);
      await waitFor('the parser to drain the backlog', () => baseEntries - seenBefore >= backlog, 300_000);
      const baseDrainRate = backlog / ((baseLast - baseDrainFrom) / 1000);
      await Promise.all(baseTerms.map((t) => t.client.endAsync(true)));

      // The back office: one consumer into PostgreSQL.
      const pool = new pg.Pool({ connectionString: postgres.url, max: 10 });
      closers.unshift(() => pool.end());
      await migrate(pool);
      const prefix = 'benchfleet';
      const log = { info: () => undefined, warn: () => undefined, error: (e: string, d: unknown) => ctx.log(`${e} ${JSON.stringify(d)}`) };
      let consumer = startConsumer({ broker: { url: broker.url }, pool, prefix, clientId: 'bench-backoffice-1', log });
      closers.unshift(() => consumer.close());
      await consumer.subscribed;
      const terms = Array.from({ length: plan.terminals }, (_, i) => new SimTerminal(`T${String(i).padStart(5, '0')}`, prefix));
      const connectMs = await connectAll(terms, broker.url, 'fleet');
      ctx.log(`fleet: ${plan.terminals} clients connected in ${Math.round(connectMs)} ms`);
      closers.unshift(() => Promise.all(terms.map((t) => t.client.endAsync(true))));
      const run = await drive(terms, plan.seconds);
      const total = run.batches * ENTRIES_PER_BATCH;
      await waitFor(
        'every entry stored',
        async () => Number((await pool.query('SELECT count(*) AS n FROM journal')).rows[0].n) === total,
        600_000,
      );
      const r = (
        await pool.query<{ last: Date; heads: string; broken: string }>(
          `SELECT (SELECT max(received_at) FROM journal) AS last,
                  (SELECT sum(head_seq) FROM chain_state) AS heads,
                  (SELECT count(*) FROM chain_state WHERE broken_seq IS NOT NULL OR gap_from IS NOT NULL) AS broken`,
        )
      ).rows[0]!;
      const storedRate = total / ((r.last.getTime() - run.startedAt) / 1000);
      const lat = (
        await pool.query<{ ms: number }>(
          `SELECT extract(epoch FROM (received_at - at)) * 1000 AS ms FROM journal WHERE seq % ${ENTRIES_PER_BATCH} = 1`,
        )
      ).rows
        .map((x) => Number(x.ms))
        .sort((a, b) => a - b);
      // Capacity of one consumer: the same backlog queued while the back office is away, then drained.
      await consumer.close();
      await burst(terms, plan.backlogPerTerminal);
      const drainFrom = Date.now();
      consumer = startConsumer({ broker: { url: broker.url }, pool, prefix, clientId: 'bench-backoffice-1', log });
      await waitFor(
        'the back office to drain the backlog',
        async () => Number((await pool.query('SELECT count(*) AS n FROM journal')).rows[0].n) === total + backlog,
        900_000,
      );
      const drainLast = (await pool.query<{ last: Date }>('SELECT max(received_at) AS last FROM journal')).rows[0]!.last;
      const drainRate = backlog / ((drainLast.getTime() - drainFrom) / 1000);
      const after = (
        await pool.query<{ heads: string; broken: string }>(
          `SELECT (SELECT sum(head_seq) FROM chain_state) AS heads,
                  (SELECT count(*) FROM chain_state WHERE broken_seq IS NOT NULL OR gap_from IS NOT NULL) AS broken`,
        )
      ).rows[0]!;
      const baseline = (name: string, value: number) => ({ name, value });
      return {
        rows: [
          row(
            `connect ${plan.terminals} MQTT 5 clients (persistent sessions)`,
            connectMs,
            'ms',
            baseline('same, baseline run', baseConnectMs),
          ),
          row('journal entries stored per second', storedRate, 'entries/s', baseline('broker + parse only', baseRate)),
          row(
            `drain a backlog of ${backlog} entries, one consumer`,
            drainRate,
            'entries/s',
            baseline('broker + parse only', baseDrainRate),
          ),
          row('latency publish -> row, p50', quantile(lat, 0.5), 'ms', baseline('publish -> parsed', quantile(baseLatency, 0.5))),
          row('latency publish -> row, p99', quantile(lat, 0.99), 'ms', baseline('publish -> parsed', quantile(baseLatency, 0.99))),
        ],
        checks: [
          check('every entry stored once', Number(r.heads) === total, `${r.heads} verified of ${total} published`),
          check(
            'the backlog stored once, chains verified',
            Number(after.heads) === total + backlog && Number(after.broken) === 0,
            `${after.heads} verified of ${total + backlog}, ${after.broken} with a gap or a broken link`,
          ),
          check('every chain verifies', Number(r.broken) === 0, `${r.broken} chains with a gap or a broken link`),
          check('baseline saw every batch', baseBatches === base.batches, `${baseBatches} of ${base.batches}`),
        ],
        details: {
          plan,
          periodS: PERIOD_S,
          entriesPerBatch: ENTRIES_PER_BATCH,
          offeredEntriesPerS: (plan.terminals * ENTRIES_PER_BATCH) / PERIOD_S,
        },
      };
    } finally {
      for (const c of closers) await c().catch(() => undefined);
    }
  },
};
