/**
 * Figure 3, durable commit: the engine's tender-submitted transaction (session row, tender row, one
 * OK outcome in the outbox, the journal entry: invariant 1, ONE transaction with synchronous=FULL)
 * against the fsync floor: a one-row INSERT with the same pragmas (WAL, synchronous=FULL, exclusive
 * lock) in a file in the same folder. Commits alternate (floor, engine, floor, engine...) so disk
 * and machine drift hit both. Each session is walked to 'activated' through the engine's own
 * events (no network) before its commit is timed.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { PaymentEngine } from '../../main/engine';
import { offlineEngine } from '../lib/offline-engine';
import { check, row, type Figure } from '../lib/figure';
import { summarize } from '../lib/stats';
import { fileSystemOf } from '../lib/machine';

const PLANS = { full: { warmup: 30, commits: 800 }, quick: { warmup: 10, commits: 150 } };

let serial = 0;

/** A session walked to 'activated' by the events the network answers would bring. */
function activatedSession(engine: PaymentEngine): string {
  const s = engine.startSession('counter');
  const amount = 1_000 + ((serial * 7919) % 90_000);
  const noticeNumber = `3019${String(++serial).padStart(14, '0')}`;
  engine.applyInTransaction(s.id, {
    type: 'notice-added',
    ref: { fiscalCode: '77777777777', noticeNumber, scannedAmountCents: amount, source: 'qr' },
  });
  engine.applyInTransaction(s.id, {
    type: 'verify-succeeded',
    noticeId: 1,
    verification: { amountCents: amount, description: 'Bench', companyName: 'Comune', officeName: null, dueDate: null, standin: false },
  });
  engine.applyInTransaction(s.id, { type: 'activate-requested' });
  engine.applyInTransaction(s.id, {
    type: 'activate-succeeded',
    noticeId: 1,
    activation: {
      paymentToken: `${String(serial).padStart(32, '0')}`,
      expiresAtMs: Date.now() + 1_800_000,
      durationMs: 1_800_000,
      creditorReferenceId: noticeNumber.slice(1),
      totalAmountCents: amount,
      companyName: 'Comune',
      description: 'Bench',
      fiscalCodePA: '77777777777',
    },
  });
  return s.id;
}

export const commitFigure: Figure = {
  figure: 3,
  title: 'Durable commit of tender + outcome row vs the fsync floor',
  async run(ctx) {
    const plan = ctx.quick ? PLANS.quick : PLANS.full;
    const fs = fileSystemOf(ctx.workDir);
    const floorDb = new Database(join(ctx.workDir, 'commit-floor.db'));
    floorDb.pragma('locking_mode = EXCLUSIVE');
    floorDb.pragma('journal_mode = WAL');
    floorDb.pragma('synchronous = FULL');
    floorDb.exec('CREATE TABLE row (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
    const insert = floorDb.prepare('INSERT INTO row (payload) VALUES (?)');
    const { db, engine, node } = offlineEngine(join(ctx.workDir, 'commit-engine.db'));
    const floor: number[] = [];
    const commit: number[] = [];
    try {
      for (let i = 0; i < plan.warmup + plan.commits; i++) {
        const sessionId = activatedSession(engine);
        const tender = engine.quote(sessionId, 'cash', null);
        const t0 = performance.now();
        insert.run(`row ${i}`);
        const t1 = performance.now();
        engine.applyInTransaction(sessionId, { type: 'tender-submitted', tender });
        const t2 = performance.now();
        if (i < plan.warmup) continue;
        floor.push(t1 - t0);
        commit.push(t2 - t1);
      }
      const outbox = db.outbox.pending().depth;
      const tenders = db.sqlite.prepare('SELECT count(*) FROM tender').pluck().get() as number;
      const f = summarize(floor);
      const c = summarize(commit);
      const base = { name: `1-row INSERT, synchronous=FULL (${fs})` };
      return {
        rows: [
          row('tender + OK outcome + journal commit, p50', c.median, 'ms', { ...base, value: f.median }),
          row('tender + OK outcome + journal commit, p99', c.p99, 'ms', { ...base, value: f.p99 }),
        ],
        checks: [
          check(
            'every commit left its tender row and its pending outcome',
            tenders === plan.warmup + plan.commits && outbox === tenders,
            `${tenders} tenders, ${outbox} outcomes pending`,
          ),
          check('the folder is on a disk (fsync is not free)', !/tmpfs|ramfs/.test(fs), `${ctx.workDir} is ${fs}`),
        ],
        details: { plan, fileSystem: fs, engine: c, floor: f },
      };
    } finally {
      db.close();
      floorDb.close();
      node.close();
    }
  },
};
