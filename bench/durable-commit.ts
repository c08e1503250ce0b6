/**
 * `npm run bench:commit [-- --n 400 --notices 1 --dir PATH]`: what the durable tender commit costs.
 * Invariant 1 puts the tender, its OK outcomes and the journal entry in ONE transaction on a file with
 * synchronous=FULL, so each payment pays at least one fsync. Measured in the same run, same folder:
 *
 *   floor        one-row INSERT, WAL + synchronous=FULL + exclusive lock (the pragmas db/open.ts sets)
 *   db tx        db.transaction: tenders.record + outbox.enqueue (per notice) + journal.append
 *   engine tx    engine.applyInTransaction(tender-submitted): load, transition, save, journal, tender, outbox
 *
 * Sessions are brought to 'activated' through the engine's own events (no network) before the clock
 * starts, so only the commit is timed. The folder must be a real disk: on tmpfs fsync costs nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { SportelloDatabase } from '../db';
import type { NodeClient } from '../main/node';
import { offlineEngine } from './lib/offline-engine';
import { buildTender, type PaymentEngine } from '../main/engine';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '400' }, notices: { type: 'string', default: '1' }, dir: { type: 'string' } },
});
const n = Number(values.n);
const perCart = Number(values.notices);
if (!Number.isSafeInteger(n) || n < 10 || !Number.isSafeInteger(perCart) || perCart < 1 || perCart > 5) {
  console.error('usage: npm run bench:commit -- [--n N>=10] [--notices 1..5] [--dir PATH]');
  process.exit(2);
}
const dir = mkdtempSync(join(values.dir ? resolve(values.dir) : tmpdir(), 'sportello-commit-'));

/** The filesystem type of the folder, from /proc/mounts (longest matching mount point). */
function fsType(path: string): string {
  try {
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' '))
      .filter((f) => f.length > 2);
    const best = mounts
      .filter((f) => path === f[1] || path.startsWith(f[1] === '/' ? '/' : `${f[1]}/`))
      .sort((a, b) => b[1]!.length - a[1]!.length)[0];
    return best?.[2] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

function floor(): number[] {
  const conn = new Database(join(dir, 'floor.db'));
  conn.pragma('locking_mode = EXCLUSIVE');
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = FULL');
  conn.exec('CREATE TABLE row (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
  const insert = conn.prepare('INSERT INTO row (payload) VALUES (?)');
  const out: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const ms = time(() => insert.run(`row ${i}`));
    if (i >= 20) out.push(ms);
  }
  conn.close();
  return out;
}

/** An engine over its own file; nothing here reaches the network (the client is never called). */
function engineOn(file: string): { db: SportelloDatabase; engine: PaymentEngine; node: NodeClient } {
  return offlineEngine(join(dir, file));
}

let serial = 0;
/** A session walked to 'activated' through the engine's events, as the network answers would. */
function activated(engine: PaymentEngine): { id: string; amounts: number[] } {
  const s = engine.startSession('counter');
  const amounts: number[] = [];
  for (let i = 0; i < perCart; i++) {
    const amount = 1_000 + ((serial * 7 + i) % 90_000);
    amounts.push(amount);
    const noticeNumber = `3019${String(++serial).padStart(14, '0')}`;
    engine.applyInTransaction(s.id, {
      type: 'notice-added',
      ref: { fiscalCode: '77777777777', noticeNumber, scannedAmountCents: amount, source: 'qr' },
    });
    engine.applyInTransaction(s.id, {
      type: 'verify-succeeded',
      noticeId: i + 1,
      verification: { amountCents: amount, description: 'Bench', companyName: 'Comune', officeName: null, dueDate: null, standin: false },
    });
  }
  engine.applyInTransaction(s.id, { type: 'activate-requested' });
  amounts.forEach((amount, i) => {
    engine.applyInTransaction(s.id, {
      type: 'activate-succeeded',
      noticeId: i + 1,
      activation: {
        paymentToken: `${String(serial).padStart(28, '0')}${String(i).padStart(4, '0')}`,
        expiresAtMs: Date.now() + 1_800_000,
        durationMs: 1_800_000,
        creditorReferenceId: '01',
        totalAmountCents: amount,
        companyName: 'Comune',
        description: 'Bench',
        fiscalCodePA: '77777777777',
      },
    });
  });
  return { id: s.id, amounts };
}

function dbTransaction(): number[] {
  const { db, engine } = engineOn('db-tx.db');
  const out: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const s = activated(engine);
    const notices = db.notices.listBySession(s.id);
    const t = buildTender('cash', s.amounts, { kind: 'flat', cents: 150 }, null);
    const ms = time(() =>
      db.transaction(() => {
        db.tenders.record({
          sessionId: s.id,
          method: t.method,
          amountCents: t.noticesCents,
          feeCents: t.feeCents,
          givenCents: t.givenCents,
          changeCents: t.changeCents,
          terminalId: 'BENCH01',
        });
        for (const row of notices) {
          db.outbox.enqueue({
            sessionId: s.id,
            noticeId: row.id,
            paymentToken: row.activation!.paymentToken,
            outcome: 'OK',
            details: { fee: 150 },
            deadlineMs: row.activation!.expiresAtMs,
          });
        }
        db.journal.append('tender-submitted', { amountCents: t.noticesCents }, s.id);
      }),
    );
    if (i >= 20) out.push(ms);
  }
  db.close();
  return out;
}

function engineTransaction(): number[] {
  const { db, engine } = engineOn('engine-tx.db');
  const out: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const s = activated(engine);
    const tender = engine.quote(s.id, 'cash', null);
    const ms = time(() => engine.applyInTransaction(s.id, { type: 'tender-submitted', tender }));
    if (i >= 20) out.push(ms);
  }
  db.close();
  return out;
}

try {
  console.log(`durable commit: ${n} commits each (after 20 warm-up), ${perCart} notice(s) per cart, folder ${dir} (${fsType(dir)})`);
  if (/tmpfs|ramfs/.test(fsType(dir))) console.log('warning: this folder is in memory: fsync is free here, pass --dir on a real disk');
  const rows = [
    ['floor (1-row insert)', stats(floor())],
    ['db tx (tender+outbox+journal)', stats(dbTransaction())],
    ['engine tx (tender-submitted)', stats(engineTransaction())],
  ] as const;
  const base = rows[0][1];
  console.log(
    `${'what'.padEnd(32)}${'p50 ms'.padStart(9)}${'p90 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'mean ms'.padStart(9)}${'p50 ×'.padStart(8)}${'p99 ×'.padStart(8)}`,
  );
  for (const [name, s] of rows) {
    console.log(
      `${name.padEnd(32)}${s.p50.toFixed(3).padStart(9)}${s.p90.toFixed(3).padStart(9)}${s.p99.toFixed(3).padStart(9)}${s.mean.toFixed(3).padStart(9)}` +
        `${(s.p50 / base.p50).toFixed(2).padStart(8)}${(s.p99 / base.p99).toFixed(2).padStart(8)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
