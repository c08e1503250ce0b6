/**
 * Figure 10, the scale of a terminal's life: a database of 1,000,000 past payments (1,000 a day,
 * one shift a day with its Z report; generated straight into the schema, scale/generate.ts, and
 * cached between runs) against a 2-day database of the same making (2,000 payments), in the same
 * run: size on disk, startup (openDatabase), the open shift's X report, the journal verified for
 * one day, and a search by notice number or paymentToken. Every time is the median of repeated
 * calls alternating the two databases, with the page cache warm (as on a running terminal).
 *
 * Startup is measured twice: after a clean close (what a normal start does) and with SQLite's full
 * quick_check, which reads every page and runs after a crash, a copy or once a week (db/README.md).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type SportelloDatabase } from '../../db';
import { forgetCleanClose } from '../../db/file-check';
import { check, row, type Check, type Figure, type FigureRow } from '../lib/figure';
import { summarize } from '../lib/stats';
import { scaleDatabase } from '../scale/cache';
import { generateScaleDatabase, TERMINAL, type ScaleDatabase } from '../scale/generate';
import { verifyDay, xReport } from '../scale/operations';

const PLANS = {
  full: { payments: 1_000_000, opens: 7, fullChecks: 3, reports: 30, verifies: 7, searches: 200 },
  quick: { payments: 20_000, opens: 5, fullChecks: 3, reports: 10, verifies: 3, searches: 50 },
};
const PER_DAY = 1_000;
const SMALL = 2_000;
const MiB = 1024 * 1024;

function timeBoth(n: number, big: () => unknown, small: () => unknown): { big: number; small: number } {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    let t0 = performance.now();
    big();
    a.push(performance.now() - t0);
    t0 = performance.now();
    small();
    b.push(performance.now() - t0);
  }
  return { big: summarize(a).median, small: summarize(b).median };
}

function opened<T>(path: string, fn: (db: SportelloDatabase) => T): T {
  const db = openDatabase(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export const scaleFigure: Figure = {
  figure: 10,
  title: "Scale of a terminal's life: 1,000,000 past payments",
  async run(ctx) {
    const plan = ctx.quick ? PLANS.quick : PLANS.full;
    const big = scaleDatabase(ctx.cacheDir, plan.payments, PER_DAY, ctx.log);
    const smallPath = join(ctx.workDir, 'scale-2-days.db');
    const small: ScaleDatabase = generateScaleDatabase(smallPath, SMALL, PER_DAY);
    opened(smallPath, () => undefined);
    const label = `${(SMALL / 1000).toFixed(0)}-day database (${SMALL.toLocaleString('en')} payments)`;
    const rows: FigureRow[] = [];
    const checks: Check[] = [];

    const bigBytes = statSync(big.path).size;
    const smallBytes = statSync(smallPath).size;
    rows.push(row(`size on disk, ${plan.payments.toLocaleString('en')} payments`, bigBytes / MiB, 'MiB',
      { name: `${label} x ${plan.payments / SMALL} (linear)`, value: (smallBytes / MiB) * (plan.payments / SMALL) }));

    const open = (path: string) => () => openDatabase(path).close();
    // Untimed: leaves both files cleanly closed (and the page cache warm), as a running terminal's are.
    open(big.path)();
    open(smallPath)();
    const starts = timeBoth(plan.opens, open(big.path), open(smallPath));
    rows.push(row('startup: openDatabase after a clean close, median', starts.big, 'ms', { name: label, value: starts.small }));
    const full = timeBoth(plan.fullChecks, () => {
      forgetCleanClose(big.path);
      open(big.path)();
    }, () => {
      forgetCleanClose(smallPath);
      open(smallPath)();
    });
    rows.push(row('startup with full quick_check (crash, copy, weekly), median', full.big, 'ms', { name: label, value: full.small }));

    const bigDb = openDatabase(big.path);
    const smallDb = openDatabase(smallPath);
    try {
      const x = timeBoth(plan.reports, () => xReport(bigDb, TERMINAL), () => xReport(smallDb, TERMINAL));
      rows.push(row(`shift X report (open shift, ${PER_DAY.toLocaleString('en')} payments), median`, x.big, 'ms', { name: label, value: x.small }));
      const counts = [xReport(bigDb, TERMINAL).payments.count, xReport(smallDb, TERMINAL).payments.count];
      checks.push(check('the X report counts the open shift\'s payments', counts.every((c) => c === PER_DAY), `${counts.join(' and ')} payments`));

      const v = timeBoth(plan.verifies, () => verifyDay(bigDb, big.lastClosedDay), () => verifyDay(smallDb, small.lastClosedDay));
      rows.push(row(`journal verify of one day (${big.lastClosedDay.entries.toLocaleString('en')} entries between two Z reports), median`, v.big, 'ms', { name: label, value: v.small }));
      const days = [verifyDay(bigDb, big.lastClosedDay), verifyDay(smallDb, small.lastClosedDay)];
      checks.push(check('the day verifies from one Z report head to the next', days.every((d) => d.ok), JSON.stringify(days)));

      let i = 0;
      const notices = big.sampleNotices;
      const tokens = big.sampleTokens;
      const byNotice = timeBoth(plan.searches, () => bigDb.sessions.findByNoticeNumber(notices[i++ % notices.length]!), () => smallDb.sessions.findByNoticeNumber(small.sampleNotices[i % small.sampleNotices.length]!));
      rows.push(row('search by notice number, median', byNotice.big, 'ms', { name: label, value: byNotice.small }));
      const byToken = timeBoth(plan.searches, () => bigDb.sessions.findByPaymentToken(tokens[i++ % tokens.length]!), () => smallDb.sessions.findByPaymentToken(small.sampleTokens[i % small.sampleTokens.length]!));
      rows.push(row('search by paymentToken, median', byToken.big, 'ms', { name: label, value: byToken.small }));
      const found = notices.filter((n) => bigDb.sessions.findByNoticeNumber(n).length === 1).length + tokens.filter((t) => bigDb.sessions.findByPaymentToken(t) !== null).length;
      checks.push(check('every sampled notice number and token is found', found === notices.length + tokens.length, `${found} of ${notices.length + tokens.length}`));
      const sessions = bigDb.sqlite.prepare('SELECT count(*) FROM payment_session').pluck().get() as number;
      checks.push(check(`the database holds ${plan.payments.toLocaleString('en')} payments`, sessions === plan.payments, `${sessions} sessions, ${big.journalEntries} journal entries, ${big.days} days`));
    } finally {
      bigDb.close();
      smallDb.close();
    }
    return {
      rows,
      checks,
      details: {
        plan, perDay: PER_DAY, generated: big.generated, generatedSeconds: big.generatedSeconds, bytes: bigBytes, smallBytes,
        bytesPerPayment: bigBytes / plan.payments, journalEntries: big.journalEntries, days: big.days,
      },
    };
  },
};
