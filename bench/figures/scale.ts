/**
 * Figure 10, the scale of a terminal's life: a database of 1,000,000 past payments (1,000 a day,
 * one shift a day with its Z report; generated straight into the schema, scale/generate.ts, and
 * cached between runs) against a 2-day database of the same making (2,000 payments), in the same
 * run: size on disk, startup (openDatabase), the open shift's X report, the journal verified for
 * one day, and a search by notice number or paymentToken. Every time is the median of repeated
 * calls alternating the two databases, after an untimed pass of the same calls: the pages they
 * touch are in the page cache (a 4-5 GB file is not, as a whole: a first search for an old
 * payment also waits for the disk).
 *
 * Startup is openDatabase on a file sportello closed cleanly, what every normal start does. The full
 * quick_check it runs after a crash, a copy or once a week reads every page (db/README.md): its cost
 * is the file's size at the disk's random-read speed, measured apart (BENCHMARKS.md, figure 10).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type SportelloDatabase } from '../../db';
import { check, row, type Check, type Figure, type FigureRow } from '../lib/figure';
import { summarize } from '../lib/stats';
import { scaleDatabase } from '../scale/cache';
import { generateScaleDatabase, TERMINAL, type ScaleDatabase } from '../scale/generate';
import { verifyDay, xReport } from '../scale/operations';

const PLANS = {
  full: { payments: 1_000_000, opens: 7, reports: 30, verifies: 7, searches: 200 },
  quick: { payments: 20_000, opens: 5, reports: 10, verifies: 3, searches: 50 },
};
const PER_DAY = 1_000;
const SMALL = 2_000;
const MiB = 1024 * 1024;

/** n alternating calls of each (k = 0..n-1), after an untimed pass of the same n calls. */
function timeBoth(n: number, big: (k: number) => unknown, small: (k: number) => unknown): { big: number; small: number } {
  for (let k = 0; k < n; k++) {
    big(k);
    small(k);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let k = 0; k < n; k++) {
    let t0 = performance.now();
    big(k);
    a.push(performance.now() - t0);
    t0 = performance.now();
    small(k);
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
    rows.push(
      row(`size on disk, ${plan.payments.toLocaleString('en')} payments`, bigBytes / MiB, 'MiB', {
        name: `${label} x ${plan.payments / SMALL} (linear)`,
        value: (smallBytes / MiB) * (plan.payments / SMALL),
      }),
    );

    const open = (path: string) => () => openDatabase(path).close();
    // Untimed: leaves both files cleanly closed (and the page cache warm), as a running terminal's are.
    open(big.path)();
    open(smallPath)();
    const starts = timeBoth(plan.opens, open(big.path), open(smallPath));
    rows.push(row('startup: openDatabase after a clean close, median', starts.big, 'ms', { name: label, value: starts.small }));
    const bigDb = openDatabase(big.path);
    const smallDb = openDatabase(smallPath);
    try {
      const x = timeBoth(
        plan.reports,
        () => xReport(bigDb, TERMINAL),
        () => xReport(smallDb, TERMINAL),
      );
      rows.push(
        row(`shift X report (open shift, ${PER_DAY.toLocaleString('en')} payments), median`, x.big, 'ms', { name: label, value: x.small }),
      );
      const counts = [xReport(bigDb, TERMINAL).payments.count, xReport(smallDb, TERMINAL).payments.count];
      checks.push(
        check(
          "the X report counts the open shift's payments",
          counts.every((c) => c === PER_DAY),
          `${counts.join(' and ')} payments`,
        ),
      );

      const v = timeBoth(
        plan.verifies,
        () => verifyDay(bigDb, big.lastClosedDay),
        () => verifyDay(smallDb, small.lastClosedDay),
      );
      rows.push(
        row(
          `journal verify of one day (${big.lastClosedDay.entries.toLocaleString('en')} entries between two Z reports), median`,
          v.big,
          'ms',
          { name: label, value: v.small },
        ),
      );
      const days = [verifyDay(bigDb, big.lastClosedDay), verifyDay(smallDb, small.lastClosedDay)];
      checks.push(
        check(
          'the day verifies from one Z report head to the next',
          days.every((d) => d.ok),
          JSON.stringify(days),
        ),
      );

      const notices = big.sampleNotices;
      const tokens = big.sampleTokens;
      const pick = (keys: readonly string[], k: number) => keys[k % keys.length]!;
      const byNotice = timeBoth(
        plan.searches,
        (k) => bigDb.sessions.findByNoticeNumber(pick(notices, k)),
        (k) => smallDb.sessions.findByNoticeNumber(pick(small.sampleNotices, k)),
      );
      rows.push(row('search by notice number, median', byNotice.big, 'ms', { name: label, value: byNotice.small }));
      const byToken = timeBoth(
        plan.searches,
        (k) => bigDb.sessions.findByPaymentToken(pick(tokens, k)),
        (k) => smallDb.sessions.findByPaymentToken(pick(small.sampleTokens, k)),
      );
      rows.push(row('search by paymentToken, median', byToken.big, 'ms', { name: label, value: byToken.small }));
      const found =
        notices.filter((n) => bigDb.sessions.findByNoticeNumber(n).length === 1).length +
        tokens.filter((t) => bigDb.sessions.findByPaymentToken(t) !== null).length;
      checks.push(
        check(
          'every sampled notice number and token is found',
          found === notices.length + tokens.length,
          `${found} of ${notices.length + tokens.length}`,
        ),
      );
      const sessions = bigDb.sqlite.prepare('SELECT count(*) FROM payment_session').pluck().get() as number;
      checks.push(
        check(
          `the database holds ${plan.payments.toLocaleString('en')} payments`,
          sessions === plan.payments,
          `${sessions} sessions, ${big.journalEntries} journal entries, ${big.days} days`,
        ),
      );
    } finally {
      bigDb.close();
      smallDb.close();
    }
    return {
      rows,
      checks,
      details: {
        plan,
        perDay: PER_DAY,
        generated: big.generated,
        generatedSeconds: big.generatedSeconds,
        bytes: bigBytes,
        smallBytes,
        bytesPerPayment: bigBytes / plan.payments,
        journalEntries: big.journalEntries,
        days: big.days,
      },
    };
  },
};
